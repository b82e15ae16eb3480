// A node that stops answering mid-sync: each read waits at most the sync manager's request timeout
// (not PJS's 60 s), the status says the node stopped answering (never "live" or plain "connected"),
// and once it answers again the history completes exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainStatus, SyncStatus } from '../../shared/api';
import type { Devnet } from '../../devnet/index';
import { createBackend } from '../backend';
import { ensureDevnetMetadata, eventLines } from '../test/devnet';
import { startHostileNode } from '../test/hostile-node';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let dn: Devnet;
beforeAll(async () => {
  dn = await startDevnet({ scenario: 'tiny', seed: 5, port: 0, blockMs: 0 });
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  await dn.close();
});

async function until<T>(read: () => T, check: (value: T) => boolean, what: string, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = read();
    if (check(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never ${what}: ${JSON.stringify(read())}`);
}

describe('a node that stops answering mid-sync', () => {
  it('is told within the request timeout, reconnected, and history completes exactly', async () => {
    const node = await startHostileNode(dn.url);
    let stalling = false;
    // Once the wallet is being recorded, the node goes silent: every request is swallowed.
    node.plan = (r) => {
      if (r.method === 'state_queryStorageAt' && r.nth === 4) stalling = true;
      return stalling ? { kind: 'stall' } : undefined;
    };
    const backend = createBackend({
      dataDir: tempDir(),
      transport: 'web',
      version: 't',
      autoSync: true,
      requestTimeoutMs: 1_000,
      log: () => {},
      notify: () => {},
    });
    const chain: ChainStatus[] = [];
    const progress: SyncStatus[] = [];
    backend.push.subscribe((event, payload) => {
      if (event === 'chain:status') chain.push(payload as ChainStatus);
      if (event === 'sync:progress') progress.push(payload as SyncStatus);
    });
    try {
      const coldkey = dn.coldkeys[0]!;
      await backend.dispatch('wallets:add', { address: coldkey, label: 'Stalled' });
      await backend.dispatch('settings:update', { endpoint: node.url });
      // 400 × 25 ms: far less than PJS's 60 s default, ample for a 1 s timeout on a loaded machine.
      const told = await until(
        () => chain.find((s) => /stopped answering/.test(s.message ?? '')),
        (s) => s !== undefined,
        'told that the node stopped answering',
      );
      expect(told).toMatchObject({
        state: 'disconnected',
        code: 'unreachable',
        message: expect.stringMatching(/stopped answering \(no reply to \w+ within 1 s\)\. Reconnecting/),
      });
      // While it does not answer, no wallet is shown as live.
      const during = backend.sync.status();
      expect(during.chain.state).not.toBe('connected');
      expect(during.wallets[0]!.phase).not.toBe('live');

      stalling = false;
      node.plan = () => undefined;
      await until(
        () => backend.sync.status(),
        (s) => s.wallets[0]?.phase === 'live',
        'live again',
        2_400,
      );
      const { stored, expected } = eventLines(backend.db, dn.truth(), coldkey);
      expect(expected.length).toBeGreaterThan(0);
      expect(stored).toEqual(expected);
      expect(node.applied.get('stall') ?? 0).toBeGreaterThan(0);
      // The stall came after recording had begun: a mid-sync stall, not one at connect.
      expect(progress.some((p) => p.wallets[0]?.phase === 'recording' || p.wallets[0]?.phase === 'scanning')).toBe(
        true,
      );
    } finally {
      await backend.sync.close();
      backend.close();
      await node.close();
    }
    expect(unhandled).toEqual([]);
  }, 120_000);
});
