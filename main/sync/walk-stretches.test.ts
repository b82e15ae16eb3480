// The walk cut into stretches walked side by side, after StakeInfo at evenly spaced blocks
// (main/sync/walk.ts, docs/chain/change-discovery.md#stretches-and-samples): on a long range it takes
// fewer rounds and requests (the year devnet: 37 rounds instead of 97, 4,769 requests instead of 5,550).
// The devnet histories of 12–16 k blocks run with a plan scaled down to their length, and the database
// is the same, row for row, as the one a single walk from the head records. The year scenario (2.6 M
// blocks) runs with the app's own plan and is held to the chain itself: a second, unstretched walk of
// the year as the reference would double the suite's longest test (a year's walk takes about a minute).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import {
  checkpointsVersusDevnet,
  dumpFacts,
  ensureDevnetMetadata,
  epochCheckpointMismatches,
  eventLines,
} from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { stakeSamples, WALK_PLAN, type WalkPlan } from './walk-round';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

const APP_PLAN = { ...WALK_PLAN };
/** Stretches of at least 1,500 blocks and StakeInfo every 400: the devnet histories (12–16 k blocks) get 4 stretches and ~30 samples. */
const SCALED: WalkPlan = { stretches: 4, stretchMin: 1_500, sampleSpacing: 400, maxSamples: 32 };

afterEach(() => void Object.assign(WALK_PLAN, APP_PLAN));

/** A first sync of every devnet user with `walk` as the plan: its facts, and the StakeInfo samples read and planned. */
async function synced(
  dn: Devnet,
  walk: WalkPlan,
  check?: (backend: Awaited<ReturnType<typeof syncedDevnetBackend>>) => void,
) {
  Object.assign(WALK_PLAN, walk);
  const backend = await syncedDevnetBackend(tempDir(), dn);
  try {
    check?.(backend);
    const facts = dumpFacts(backend.db, { ids: false });
    const purposes = new Map(backend.sync.reader!.purposes);
    // What the plan samples in each wallet's range (a first sync: from block 1 to its finalized head).
    const heads = (facts.sync_state as { last_finalized: bigint | number }[]).map((r) => Number(r.last_finalized));
    const planned = heads.reduce((n, head) => n + stakeSamples(1, head).length, 0);
    return { facts, samples: purposes.get('stake samples') ?? 0, planned };
  } finally {
    await backend.sync.close();
    backend.close();
  }
}

describe.each([
  { scenario: 'upgrade424', seed: 4101, plan: SCALED },
  { scenario: 'basket475', seed: 1, plan: SCALED },
  // A position StakeInfo lists before the walk, filled by a transfer in and dissolved inside one gap.
  { scenario: 'basket475', seed: 4313, plan: SCALED },
])('$scenario seed $seed walked in stretches', ({ scenario, seed, plan }) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records the same facts as one walk from the head', async () => {
    const one = await synced(dn, { ...APP_PLAN, stretches: 1, maxSamples: 0 });
    const cut = await synced(dn, plan);
    // One read per sample and wallet, as planned; none without samples.
    expect(one.samples).toBe(0);
    expect(cut.planned).toBeGreaterThanOrEqual(20 * dn.coldkeys.length);
    expect(cut.samples).toBe(cut.planned);
    expect(cut.facts).toEqual(one.facts);
  });
});

describe("the year walked in stretches with the app's plan", () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'year', seed: 1, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records exactly the truth’s stake events, and the chain’s α at every checkpoint', async () => {
    const truth = dn.truth();
    const chain = dn.world.chain;
    let events = 0;
    let checkpoints = 0;
    const cut = await synced(dn, APP_PLAN, (backend) => {
      for (const coldkey of dn.coldkeys) {
        const { stored, expected } = eventLines(backend.db, truth, coldkey);
        expect(stored).toEqual(expected);
        events += expected.length;
        // Between epochs α changes only through events: each checkpoint equals the truth's α at the
        // epoch before it, and the chain's own stake at its block.
        const { checked, mismatches } = epochCheckpointMismatches(backend.db, truth, chain, coldkey);
        expect(mismatches).toEqual([]);
        checkpoints += checked;
        expect(checkpointsVersusDevnet(backend.db, chain, coldkey).mismatches).toEqual([]);
      }
    });
    expect(events).toBeGreaterThan(100 * dn.coldkeys.length);
    expect(checkpoints).toBeGreaterThan(100 * dn.coldkeys.length);
    // One read per sample and wallet, as planned.
    expect(cut.planned).toBeGreaterThanOrEqual(20 * dn.coldkeys.length);
    expect(cut.samples).toBe(cut.planned);
  });
});
