// The walk cut into stretches walked side by side, after StakeInfo at evenly spaced blocks
// (main/sync/walk.ts, docs/chain/change-discovery.md#stretches-and-samples): on a long range (a year of
// finney) it takes fewer rounds and requests (the year devnet: 37 rounds instead of 97, 4,769 requests
// instead of 5,550). On the year scenario (2.6 M blocks) the
// app's own plan cuts it; the other devnet histories are too short for that plan, so they run with one
// scaled down to their length. Either way the database is the same, row for row, as the one walk from
// the head records.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { WALK_PLAN, type WalkPlan } from './walk-round';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

const APP_PLAN = { ...WALK_PLAN };
/** Stretches of at least 1,500 blocks and StakeInfo every 400: the devnet histories (10–16 k blocks) get 4 and 32. */
const SCALED: WalkPlan = { stretches: 4, stretchMin: 1_500, sampleSpacing: 400, maxSamples: 32 };

describe.each([
  { scenario: 'upgrade424', seed: 4101, plan: SCALED, samples: 20 },
  { scenario: 'basket475', seed: 1, plan: SCALED, samples: 20 },
  // A position StakeInfo lists before the walk, filled by a transfer in and dissolved inside one gap.
  { scenario: 'basket475', seed: 4313, plan: SCALED, samples: 20 },
  { scenario: 'year', seed: 1, plan: APP_PLAN, samples: 31 },
])('$scenario seed $seed walked in stretches', ({ scenario, seed, plan, samples }) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });
  afterEach(() => void Object.assign(WALK_PLAN, APP_PLAN));

  async function synced(plan: WalkPlan) {
    Object.assign(WALK_PLAN, plan);
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const facts = dumpFacts(backend.db, { ids: false });
    const purposes = new Map(backend.sync.reader!.purposes);
    await backend.sync.close();
    backend.close();
    return { facts, purposes };
  }

  it('records the same facts as one walk from the head', async () => {
    const one = await synced({ ...APP_PLAN, stretches: 1, maxSamples: 0 });
    const cut = await synced(plan);
    // The plan did sample (one read per sample and wallet; a wallet whose history starts later has fewer).
    expect(one.purposes.get('stake samples') ?? 0).toBe(0);
    expect(cut.purposes.get('stake samples') ?? 0).toBeGreaterThanOrEqual(samples * dn.coldkeys.length);
    expect(cut.facts).toEqual(one.facts);
  });
});
