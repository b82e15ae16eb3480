// A follower reconnected to a node whose finalized head is behind what it recorded (the node was
// restarted from older state, or a load balancer hands the endpoint to a node still catching up)
// shows that node's finalized head, not the highest one the previous connection announced, and
// records nothing again. Soak test: the demo devnet restarted on the same port at #151,200 while the
// app had recorded to #152,476; the status said "connected, finalized #152,476" for as long as the
// node took to get there.
// The waits are bounded by iterations, not by time: no timing in pass/fail.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

async function until(done: () => boolean, iterations = 20_000): Promise<void> {
  for (let i = 0; i < iterations && !done(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('live following after reconnecting to a node that is behind', () => {
  it('shows the node’s finalized head and keeps what was recorded', async () => {
    const first = await startDevnet({ scenario: 'tiny', seed: 1, port: 0, historyTo: 3_000 });
    const backend = testBackend(tempDir());
    await backend.dispatch('wallets:add', { address: first.coldkeys[0]!, label: 'user' });
    await backend.dispatch('settings:update', { endpoint: first.url });
    const cursor = () =>
      Number(
        (backend.db.prepare('SELECT cursor c FROM sync_state').get() as { c: bigint | null } | undefined)?.c ?? -1,
      );
    const events = () => Number((backend.db.prepare('SELECT count(*) n FROM stake_events').get() as { n: bigint }).n);
    await backend.sync.start();
    await until(() => cursor() >= first.finalized());
    const recorded = first.finalized();
    expect(cursor()).toBe(recorded);
    expect(backend.sync.chainStatus().bestFinalized).toBe(recorded);
    const stored = events();

    // The same chain, restarted on the same port 100 blocks behind.
    const port = first.port;
    await first.close();
    const behind = await startDevnet({ scenario: 'tiny', seed: 1, port, historyTo: 2_900 });
    try {
      await until(() => backend.sync.chainStatus().state === 'connected');
      expect(backend.sync.chainStatus().state).toBe('connected');
      behind.produceBlocks(1);
      await until(() => backend.sync.chainStatus().bestFinalized === behind.finalized(), 4_000);
      expect(backend.sync.chainStatus().bestFinalized).toBe(behind.finalized());
      expect(behind.finalized()).toBeLessThan(recorded);
      expect(cursor()).toBe(recorded);
      expect(events()).toBe(stored);
    } finally {
      await backend.sync.close();
      backend.close();
      await behind.close();
    }
  }, 600_000); // a hang guard only: the machine running the suite may be heavily loaded
});
