// After a reconnect to a node that has moved on, the wallet is not live until it has recorded up to
// that node's finalized head: it waits, then shows the catch-up run's phases. The status said "live"
// from the moment the connection was made again (the last node's head, the last run's phase) until
// the catch-up run reported its first progress, 1–2 s on a remote node.
// Every status pushed is checked, not a sample: no timing in pass/fail; the waits are bounded by
// iterations only.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { LIVE_LAG_BLOCKS } from './wallet-run';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

async function until(done: () => boolean, iterations = 20_000): Promise<void> {
  for (let i = 0; i < iterations && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('status after reconnecting to a node that is ahead', () => {
  it('is not live until the wallet is recorded up to the node’s finalized head', async () => {
    const first = await startDevnet({ scenario: 'tiny', seed: 1, port: 0, historyTo: 2_900 });
    const backend = testBackend(tempDir());
    await backend.dispatch('wallets:add', { address: first.coldkeys[0]!, label: 'user' });
    await backend.dispatch('settings:update', { endpoint: first.url });
    const wallet = () => backend.sync.status().wallets[0]!;
    await backend.sync.start();
    await until(() => wallet().phase === 'live' && wallet().cursor === first.finalized());
    expect(wallet()).toMatchObject({ phase: 'live', cursor: first.finalized() });

    // The same chain, restarted on the same port 100 blocks further on.
    const port = first.port;
    await first.close();
    await until(() => backend.sync.chainStatus().state !== 'connected');
    const statuses: SyncStatus[] = [];
    backend.push.subscribe((event, payload) => {
      if (event === 'sync:progress') statuses.push(payload as SyncStatus);
    });
    const ahead = await startDevnet({ scenario: 'tiny', seed: 1, port, historyTo: 3_000 });
    try {
      const head = ahead.finalized();
      await until(() => wallet().phase === 'live' && wallet().cursor === head);
      expect(wallet()).toMatchObject({ phase: 'live', cursor: head });
      const connected = statuses.filter((s) => s.chain.state === 'connected');
      expect(connected.length).toBeGreaterThan(0);
      // Live only once (nearly) caught up, whatever the node's announced head said at that moment.
      const liveBehind = connected.filter(
        (s) => s.wallets[0]!.phase === 'live' && s.wallets[0]!.cursor! < head - LIVE_LAG_BLOCKS,
      );
      expect(liveBehind.map((s) => ({ cursor: s.wallets[0]!.cursor, head: s.chain.bestFinalized }))).toEqual([]);
      // It said it was catching up while connected.
      expect(connected.some((s) => s.wallets[0]!.phase !== 'live')).toBe(true);
    } finally {
      await backend.sync.close();
      backend.close();
      await ahead.close();
    }
  }, 600_000); // a hang guard only: the machine running the suite may be heavily loaded
});
