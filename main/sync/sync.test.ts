// Sync against the devnet: stored facts equal the ground truth, idempotency, live following.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import {
  checkpointsVersusDevnet,
  epochCheckpointMismatches,
  dumpFacts,
  ensureDevnetMetadata,
  eventLines,
  resyncedFacts,
} from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { BLOCKS_PER_DAY } from './record-range';
import { namesPosition } from '../../devnet/truth-positions';

ensureDevnetMetadata();
const { startDevnet, SCENARIOS } = await import('../../devnet/index');
/**
 * A runtime upgrade whose set_code block (7264) is the block before a user's change (7265, seed 2),
 * so it is checkpointed: runtime calls there are answered by the new code.
 */
const UPGRADE_AT_CHECKPOINT = {
  ...SCENARIOS.upgrade!,
  name: 'upgrade-at-checkpoint',
  specs: [
    { from: 0, spec: 233 },
    { from: 7_265, spec: 315 },
  ],
};
const tempDir = useTempDirs();

async function syncedBackend(dn: Devnet) {
  const backend = testBackend(tempDir());
  for (const [i, address] of dn.coldkeys.entries())
    await backend.dispatch('wallets:add', { address, label: `user ${i}` });
  await backend.dispatch('settings:update', { endpoint: dn.url });
  return backend;
}

describe.each([
  ['tiny', 1],
  ['tiny', 2],
  ['upgrade', 1],
  ['upgrade', 3],
  ['upgrade-at-checkpoint', 2],
  ['upgrade424', 1],
  ['upgrade424', 2],
  ['upgrade424', 3],
  ['upgrade424', 4],
] as const)('backfill of scenario %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({
      scenario: scenario === 'upgrade-at-checkpoint' ? UPGRADE_AT_CHECKPOINT : scenario,
      seed,
      port: 0,
    });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('stores exactly the ground-truth events and the truth α at every checkpoint', async () => {
    const backend = await syncedBackend(dn);
    const status = await backend.sync.syncOnce();
    const truth = dn.truth();
    expect(status.wallets.map((w) => w.cursor)).toEqual(dn.coldkeys.map(() => truth.finalized));
    let rootClaims = 0;
    for (const coldkey of dn.coldkeys) {
      const { stored, expected } = eventLines(backend.db, truth, coldkey);
      expect(expected.length).toBeGreaterThan(10);
      expect(stored).toEqual(expected);
      rootClaims += expected.filter((line) => line.includes('|RootClaim')).length;
      const chain = dn.world.chain;
      const { checked, mismatches } = epochCheckpointMismatches(backend.db, truth, chain, coldkey);
      expect(checked).toBeGreaterThan(20);
      expect(mismatches).toEqual([]);
      const exact = checkpointsVersusDevnet(backend.db, chain, coldkey);
      expect(exact.checked).toBeGreaterThan(20);
      expect(exact.mismatches).toEqual([]);
      // At least one checkpoint per day-long window from the first change on.
      const first = Number(
        (backend.db.prepare('SELECT first_block AS f FROM sync_state WHERE coldkey = ?').get(coldkey) as { f: bigint })
          .f,
      );
      for (let d = Math.ceil(first / BLOCKS_PER_DAY) * BLOCKS_PER_DAY; d <= truth.finalized; d += BLOCKS_PER_DAY) {
        const n = backend.db
          .prepare(
            'SELECT count(*) AS n FROM blocks WHERE number > ? AND number <= ? AND number IN (SELECT block_number FROM subnet_snapshots)',
          )
          .get(d - BLOCKS_PER_DAY, d) as { n: bigint };
        expect(n.n).toBeGreaterThan(0n);
      }
    }
    if (scenario !== 'upgrade-at-checkpoint') expect(rootClaims).toBeGreaterThan(0); // that one ends before root claims (334)
    if (scenario === 'upgrade') {
      const specs = (
        backend.db.prepare('SELECT DISTINCT spec_version FROM stake_events ORDER BY 1').all() as {
          spec_version: bigint;
        }[]
      ).map((r) => Number(r.spec_version));
      expect(specs).toEqual([233, 315, 343, 393]);
    }
    if (scenario === 'upgrade-at-checkpoint') {
      // The checkpoint at the set_code block was decoded with the runtime that answered it.
      expect(
        Number(
          (
            backend.db.prepare('SELECT count(*) AS n FROM position_checkpoints WHERE block_number = 7264').get() as {
              n: bigint;
            }
          ).n,
        ),
      ).toBeGreaterThan(0);
    }

    // Syncing again adds nothing; rewinding the cursor and re-recording the range changes nothing.
    const before = dumpFacts(backend.db);
    expect(await resyncedFacts(backend)).toEqual(before);
    await backend.sync.close();
    backend.close();
  });
});

describe('live following', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 4, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 800; i++) {
      if (condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('records a stake made after backfill within 2 finalized blocks', async () => {
    const backend = await syncedBackend(dn);
    const coldkey = dn.coldkeys[0]!;
    // Every wallet's cursor (a wallet without a sync_state row yet counts as not started).
    const cursor = () => {
      const row = backend.db.prepare('SELECT count(*) n, min(cursor) c FROM sync_state').get() as {
        n: bigint;
        c: bigint | null;
      };
      return Number(row.n) === dn.coldkeys.length ? Number(row.c ?? -1) : -1;
    };
    await backend.sync.start();
    await until(() => cursor() >= dn.finalized(), 'the backfill');
    const hotkey = dn
      .truth()
      .events.filter(namesPosition)
      .find((e) => e.coldkey === coldkey && e.kind === 'StakeAdded' && e.netuid !== 0)!;
    dn.submit({ kind: 'add_stake', coldkey, hotkey: hotkey.hotkey, netuid: hotkey.netuid, tao: 1_234_567_890n });
    const included = dn.produceBlocks(1);
    const found = () =>
      backend.db
        .prepare(
          "SELECT count(*) n FROM stake_events WHERE block_number = ? AND kind = 'StakeAdded' AND tao = 1234567890",
        )
        .get(included) as { n: bigint };
    // Produce finalized blocks one at a time; after each, wait until sync has caught up with it.
    let finalizedWhenSeen: number | null = null;
    for (let i = 0; i < 4 && finalizedWhenSeen === null; i++) {
      dn.produceBlocks(1);
      const target = dn.finalized();
      await until(() => cursor() >= target, `sync to reach block ${target}`);
      if (found().n === 1n) finalizedWhenSeen = target;
    }
    expect(finalizedWhenSeen).not.toBeNull();
    expect(finalizedWhenSeen! - included).toBeLessThanOrEqual(2);
    const { stored, expected } = eventLines(backend.db, dn.truth(), coldkey);
    expect(stored).toEqual(expected.filter((line) => Number(line.split('|')[0]) <= cursor()));

    // The node drops every connection: the client reports it, reconnects with backoff and sync
    // picks up what happened meanwhile.
    const states: string[] = [];
    backend.push.subscribe((event, payload) => {
      if (event === 'chain:status') states.push((payload as { state: string }).state);
    });
    dn.dropConnections();
    await until(() => states.includes('disconnected'), 'the drop to be noticed');
    dn.submit({ kind: 'add_stake', coldkey, hotkey: hotkey.hotkey, netuid: hotkey.netuid, tao: 3_000_000_000n });
    const later = dn.produceBlocks(1);
    dn.produceBlocks(2);
    await until(() => backend.sync.chainStatus().state === 'connected', 'the reconnection');
    const target = dn.finalized();
    await until(() => cursor() >= target, 'sync after the reconnection');
    expect(
      backend.db.prepare('SELECT count(*) n FROM stake_events WHERE block_number = ? AND tao = 3000000000').get(later),
    ).toEqual({ n: 1n });
    await backend.sync.close();
    backend.close();
  });
});

describe('pause, cancel and resume', () => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 8, port: 0, faults: { latencyMs: 2 } });
  });
  afterAll(async () => {
    await dn.close();
  });

  async function settle(backend: Awaited<ReturnType<typeof syncedBackend>>, phases: string[]): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const status = backend.sync.status();
      if (status.wallets.every((w) => phases.includes(w.phase))) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`sync did not settle in ${phases.join('/')}`);
  }

  it('stops on pause and cancel, and resuming yields exactly the uninterrupted result', async () => {
    const reference = await syncedBackend(dn);
    await reference.sync.syncOnce();
    const expected = dumpFacts(reference.db, { ids: false });
    await reference.sync.close();
    reference.close();

    const backend = await syncedBackend(dn);
    await backend.sync.start();
    expect(backend.sync.pause()).toMatchObject({ paused: true });
    await settle(backend, ['paused']);
    const walletId = backend.sync.status().wallets[0]!.walletId;
    await backend.sync.start();
    backend.sync.cancel(walletId);
    await settle(backend, ['idle', 'live']);
    await backend.sync.start();
    await settle(backend, ['live']);
    for (let i = 0; i < 600 && backend.sync.status().wallets.some((w) => w.cursor !== dn.finalized()); i++)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(dumpFacts(backend.db, { ids: false })).toEqual(expected);
    await backend.sync.close();
    backend.close();
  });
});
