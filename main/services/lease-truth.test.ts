// End to end over a leased subnet (devnet `lease`: 393 → 424, lease dividends paid every 1,800 blocks):
// devnet → sync → SQLite → engine. Every stored event equals the devnet's; each dividend the devnet paid
// a tracked coldkey is one `lease-dividend` income entry with the chain's α and TAO, and none of it is
// TAO put in (docs/chain/events.md#lease-dividends).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata, eventLines } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

describe.each([1, 2])('lease dividends vs the devnet, lease seed %i', (seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'lease', seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records every event and books each dividend as income at the chain’s α and TAO', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const truth = dn.truth();
    const paid = (truth.leaseDividends ?? []).filter((d) => d.block <= truth.finalized);

    for (const coldkey of dn.coldkeys) {
      const { stored, expected } = eventLines(backend.db, truth, coldkey);
      expect(stored, `events of ${coldkey}`).toEqual(expected);
    }

    const input = loadPortfolioInput(backend.db, await backend.call('wallets:list'), 'USD');
    for (const rewards of ['income', 'zero'] as const) {
      const engine = createEngine(input, { method: 'acb', rewards });
      const booked = engine
        .ledger()
        .filter((e) => e.kind === 'lease-dividend')
        .map((e) => {
          const leg = e.legs[0]!;
          return `${e.blockNumber}|${e.eventIndex}|${leg.coldkey}|${leg.hotkey}|${leg.netuid}|${leg.alpha}|${leg.tao}|${leg.basis}`;
        });
      expect(booked).toEqual(
        paid.map((d) => `${d.block}|${d.eventIndex}|${d.coldkey}|${d.hotkey}|${d.netuid}|${d.alpha}|${d.tao}|income`),
      );
      // No dividend is a purchase: TAO in is exactly the TAO the coldkeys' purchases paid.
      const figures = engine.result().total.figures;
      const dividendsTao = sum(paid.map((d) => BigInt(d.tao)));
      expect(figures.leaseDividendTao).toBe(dividendsTao);
      expect(figures.alphaLeaseDividend).toBe(sum(paid.map((d) => BigInt(d.alpha))));
      const bought = engine
        .ledger()
        .filter((e) => e.kind === 'buy' && e.sources.some((s) => s.extrinsicIndex === null));
      expect(bought, 'no buy in block initialisation').toEqual([]);
      if (rewards === 'income') expect(figures.incomeTao).toBeGreaterThanOrEqual(dividendsTao);
      // Reconciliation explains the dividends: what stays unexplained is share-pool rounding (≤ 1 α-rao a payout).
      expect(figures.alphaUnexplained + figures.alphaUnexplainedIn).toBeLessThanOrEqual(BigInt(paid.length));
    }
    expect(paid.length).toBeGreaterThanOrEqual(10);
    expect(new Set(paid.map((d) => d.coldkey)).size).toBe(2);
    await backend.sync.close();
    backend.close();
  });
});
