// Activity on a 424 history whose positions also change without a stake event of the coldkey: a
// hotkey swap, a coldkey swap, a subnet dissolution and batched limit-order fills (silent effects).
// Activity must list the same ledger the figures use, those entries included, and export it whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { createEngine } from '../../shared/engine';
import type { ActivityKind } from '../../shared/vocab';
import type { Backend } from '../backend';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe('activity on devnet scenario upgrade424 (swaps, dissolution, batched fills)', () => {
  let dn: Devnet;
  let backend: Backend;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'upgrade424', seed: 1, port: 0 });
    backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.call('wallets:add', { address, label: `user ${i}` });
    await backend.call('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
  });
  afterAll(async () => {
    backend.close();
    await dn.close();
  });

  it('lists every ledger entry the figures use, silent ones included, and exports them', async () => {
    const wallets = await backend.call('wallets:list', undefined);
    const ledger = createEngine(loadPortfolioInput(backend.db, wallets, 'USD'), {
      method: 'acb',
      rewards: 'income',
    }).ledger();
    const page = await backend.call('activity:list', { limit: 1000, sort: { key: 'time', dir: 'asc' } });
    expect(ledger.length).toBeLessThanOrEqual(1000);
    expect(page.rows.map((r) => [r.seq, r.kind, r.blockNumber])).toEqual(
      ledger.map((e) => [e.seq, e.kind, e.blockNumber]),
    );
    // The scenario's scripted silent changes are there, in plain words, with the α the engine moved.
    const kinds = new Set<ActivityKind>(page.rows.map((r) => r.kind));
    for (const kind of ['rename', 'dissolution', 'coldkey-swap'] as const) expect(kinds).toContain(kind);
    expect(page.facets.kinds).toEqual(expect.arrayContaining(['rename', 'dissolution', 'coldkey-swap']));
    const dissolution = page.rows.find((r) => r.kind === 'dissolution')!;
    const booked = ledger.find((e) => e.seq === dissolution.seq)!;
    expect(dissolution.legs.map((l) => [l.alpha, l.tao])).toEqual(booked.legs.map((l) => [l.alpha, l.tao]));
    expect(dissolution.legs.some((l) => l.tao > 0n)).toBe(true);
    // Unfiltered, in ledger order, the export is the report's events CSV (the same entries).
    const activity = await backend.call('activity:export', { sort: { key: 'time', dir: 'asc' } });
    const report = await backend.call('reports:export', { format: 'events-csv' });
    expect(activity.content).toBe(report.content);
  });
});
