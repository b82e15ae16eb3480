// Live-following cost (`npm run bench:live`): backfill every wallet of a devnet scenario, then follow
// BENCH_LIVE_HOURS hours of 12 s blocks (300 per hour), produced one at a time as fast as sync
// keeps up (no wall-clock waiting: the devnet runs without a block timer). Prints the requests per
// wallet per hour of chain time and how often the head facts (α per position, prices, locks, exit
// values) were refreshed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevnetMetadata } from '../main/test/devnet';

ensureDevnetMetadata();
const { startDevnet } = await import('../devnet/index');
const { createBackend } = await import('../main/backend');
const { HEAD_EVERY_LIVE } = await import('../main/sync/run-once');

const BLOCKS_PER_HOUR = 300; // 12 s blocks
const scenario = process.env.BENCH_SCENARIO ?? 'upgrade424';
const hours = Number(process.env.BENCH_LIVE_HOURS ?? 3);
const walletLimit = Number(process.env.BENCH_WALLETS ?? Infinity);

const dir = mkdtempSync(join(tmpdir(), 'taofolio-live-'));
const dn = await startDevnet({ scenario, seed: 1, port: 0 });
const coldkeys = dn.coldkeys.slice(0, walletLimit);
const backend = createBackend({ dataDir: dir, transport: 'web', version: 'bench', endpoint: dn.url, reconnect: false });
for (const [i, address] of coldkeys.entries()) await backend.dispatch('wallets:add', { address, label: `w${i}` });

/** The lowest cursor over all wallets (-1 until every wallet has one). */
const cursor = (): number => {
  const row = backend.db.prepare('SELECT count(*) AS n, min(cursor) AS c FROM sync_state').get() as {
    n: bigint;
    c: bigint | null;
  };
  return Number(row.n) === coldkeys.length ? Number(row.c ?? -1) : -1;
};
async function caughtUp(target: number): Promise<void> {
  while (cursor() < target) await new Promise((resolve) => setTimeout(resolve, 2));
}
const snapshot = (m: ReadonlyMap<string, number>) => new Map(m);
const delta = (now: ReadonlyMap<string, number>, then: ReadonlyMap<string, number>) =>
  [...now.entries()].map(([k, n]) => [k, n - (then.get(k) ?? 0)] as const).filter(([, n]) => n > 0);
const sum = (entries: readonly (readonly [string, number])[]) => entries.reduce((a, [, n]) => a + n, 0);

await backend.sync.start();
await caughtUp(dn.finalized());
const client = backend.sync.client!;
const reader = (backend.sync as { reader?: { purposes: Map<string, number> } | null }).reader ?? {
  purposes: new Map<string, number>(),
};
const startBlock = dn.finalized();
const methodsBefore = snapshot(client.requestCounts);
const purposesBefore = snapshot(reader.purposes);
console.log(
  `devnet ${scenario}: ${coldkeys.length} wallets backfilled to #${startBlock}; following ${hours} h = ${hours * BLOCKS_PER_HOUR} blocks of 12 s`,
);

const t0 = performance.now();
for (let i = 0; i < hours * BLOCKS_PER_HOUR; i++) {
  dn.produceBlocks(1);
  await caughtUp(dn.finalized());
}
const wallMs = performance.now() - t0;
const endBlock = dn.finalized();

const methods = delta(client.requestCounts, methodsBefore);
const purposes = delta(reader.purposes, purposesBefore);
const requests = sum(methods);
const heads = backend.db
  .prepare(
    'SELECT coldkey, count(*) AS n, max(block_number) AS last FROM head_checkpoints WHERE block_number > ? GROUP BY coldkey',
  )
  .all(startBlock) as { coldkey: string; n: bigint; last: bigint }[];
const events = Number(
  (
    backend.db.prepare('SELECT count(*) AS n FROM stake_events WHERE block_number > ?').get(startBlock) as {
      n: bigint;
    }
  ).n,
);

const perWalletHour = requests / coldkeys.length / hours;
console.log(`\nLive following, blocks #${startBlock + 1}–#${endBlock} (${endBlock - startBlock} finalized blocks)`);
console.log(
  `  requests: ${requests} for ${coldkeys.length} wallets over ${hours} h = ${perWalletHour.toFixed(0)} per wallet per hour (${(requests / coldkeys.length / (endBlock - startBlock)).toFixed(2)} per wallet per block)`,
);
console.log(`  stake events recorded meanwhile: ${events}`);
console.log(
  `  head facts refreshed (every ${HEAD_EVERY_LIVE} blocks): ${heads.map((h) => `${h.coldkey.slice(0, 6)}… ${h.n}× (last #${h.last})`).join(', ')}`,
);
console.log(`  by method: ${methods.map(([m, n]) => `${m} ${n}`).join(', ')}`);
console.log(`  by purpose: ${purposes.map(([m, n]) => `${m} ${n}`).join(', ')}`);
console.log(`  wall time: ${(wallMs / 1000).toFixed(1)} s (blocks produced as fast as sync kept up)`);

await backend.sync.close();
backend.close();
await dn.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
