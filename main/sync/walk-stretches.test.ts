// The walk cut into stretches walked side by side, after StakeInfo at evenly spaced blocks
// (main/sync/walk.ts, docs/chain/change-discovery.md#stretches-and-samples): on a long range it takes
// fewer rounds and requests (the year devnet: 37 rounds instead of 97, 4,769 requests instead of 5,550).
// The year scenario (2.6 M blocks) runs with the app's own plan; the other devnet histories are too
// short for it, so they run with one scaled down to their length. Either way the database is the same,
// row for row, as the one walk from the head records.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { stakeSamples, WALK_PLAN, type WalkPlan } from './walk-round';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

const APP_PLAN = { ...WALK_PLAN };
/** Stretches of at least 1,500 blocks and StakeInfo every 400: the devnet histories (12–16 k blocks) get 4 stretches and ~30 samples. */
const SCALED: WalkPlan = { stretches: 4, stretchMin: 1_500, sampleSpacing: 400, maxSamples: 32 };

describe.each([
  { scenario: 'upgrade424', seed: 4101, plan: SCALED },
  { scenario: 'basket475', seed: 1, plan: SCALED },
  // A position StakeInfo lists before the walk, filled by a transfer in and dissolved inside one gap.
  { scenario: 'basket475', seed: 4313, plan: SCALED },
  { scenario: 'year', seed: 1, plan: APP_PLAN },
])('$scenario seed $seed walked in stretches', ({ scenario, seed, plan }) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });
  afterEach(() => void Object.assign(WALK_PLAN, APP_PLAN));

  async function synced(walk: WalkPlan) {
    Object.assign(WALK_PLAN, walk);
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const facts = dumpFacts(backend.db, { ids: false });
    const purposes = new Map(backend.sync.reader!.purposes);
    // What the plan samples in each wallet's range (a first sync: from block 1 to its finalized head).
    const heads = (facts.sync_state as { last_finalized: bigint | number }[]).map((r) => Number(r.last_finalized));
    const planned = heads.reduce((n, head) => n + stakeSamples(1, head).length, 0);
    await backend.sync.close();
    backend.close();
    return { facts, samples: purposes.get('stake samples') ?? 0, planned };
  }

  it('records the same facts as one walk from the head', async () => {
    const one = await synced({ ...APP_PLAN, stretches: 1, maxSamples: 0 });
    const cut = await synced(plan);
    // One read per sample and wallet, as planned; none without samples.
    expect(one.samples).toBe(0);
    expect(cut.planned).toBeGreaterThanOrEqual(20 * dn.coldkeys.length);
    expect(cut.samples).toBe(cut.planned);
    expect(cut.facts).toEqual(one.facts);
  });
});
