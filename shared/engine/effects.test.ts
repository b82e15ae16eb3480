// Hand-worked: the runtime 397–424 mechanics that move α without a stake event of the coldkey.
import { describe, expect, it } from 'vitest';
import { computePortfolio, koinlyCsv, taxRows, type PortfolioInput, type PositionEffect } from './index';
import { A, TAO, cp, ev, snap, tsOf } from './testing/fixtures';

const effect = (
  block: number,
  kind: PositionEffect['kind'],
  o: { cold?: string; hot?: string; netuid?: number; alpha: bigint; tao?: bigint; idx?: number },
): PositionEffect => ({
  blockNumber: block,
  timestamp: tsOf(block),
  eventIndex: o.idx ?? 5,
  kind,
  coldkey: o.cold ?? 'C1',
  hotkey: o.hot ?? 'H1',
  netuid: o.netuid ?? 1,
  alpha: o.alpha,
  tao: o.tao ?? 0n,
});

// Bought 10 α for 10 TAO at block 100; the pool price is 2 TAO per α from block 150.
const base = (effects: PositionEffect[], extra: Partial<PortfolioInput> = {}): PortfolioInput => ({
  trackedColdkeys: ['C1'],
  events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
  checkpoints: [],
  snapshots: [snap(99, 1, TAO), snap(150, 1, 2n * TAO)],
  effects,
  ...extra,
});
const run = (input: PortfolioInput) => computePortfolio(input, { method: 'acb', rewards: 'income' });

describe('silent position changes in the ledger', () => {
  it('a hotkey swap is a rename: α and its 10 TAO of cost move to the new hotkey, no gain, no emission', () => {
    const r = run(
      base(
        [
          effect(200, 'HotkeySwapped', { alpha: -10n * A }),
          effect(200, 'HotkeySwapped', { hot: 'H2', alpha: 10n * A }),
        ],
        {
          // The chain's α after the block: H1 empty, H2 holds the 10 α.
          checkpoints: [cp(200, 0n), cp(200, 10n * A, { hot: 'H2' })],
        },
      ),
    );
    expect(r.ledger.map((e) => e.kind)).toEqual(['buy', 'rename']);
    const [h1, h2] = [r.pnl.positions.find((p) => p.hotkey === 'H1'), r.pnl.positions.find((p) => p.hotkey === 'H2')];
    expect(h1?.figures.alpha).toBe(0n);
    expect(h2?.figures).toMatchObject({ alpha: 10n * A, costBasis: 10n * TAO, realized: 0n, alphaEmitted: 0n });
    expect(r.pnl.total.figures).toMatchObject({ realized: 0n, alphaEmitted: 0n, alphaUnexplained: 0n });
    // 10 α × 2 − 10 cost
    expect(r.pnl.total.figures.unrealized).toBe(10n * TAO);
    expect(r.emissions).toEqual([]);
    expect(taxRows(r.ledger, r.emissions)).toHaveLength(1); // the buy only: nothing changed hands
  });

  it('a dissolution closes the position at the TAO paid out: 12 TAO for 10 α that cost 10 → realized 2', () => {
    const r = run(
      base([effect(300, 'NetworkRemoved', { alpha: -10n * A, tao: 12n * TAO })], { checkpoints: [cp(300, 0n)] }),
    );
    const e = r.ledger[1];
    expect(e?.kind).toBe('dissolution');
    expect(e?.blockNumber).toBe(300);
    expect(r.pnl.total.figures).toMatchObject({ alpha: 0n, realized: 2n * TAO, taoOut: 12n * TAO, costBasis: 0n });
    expect(r.emissions).toEqual([]);
    const koinly = koinlyCsv(taxRows(r.ledger, r.emissions)).split('\r\n');
    expect(koinly[2]).toBe('2025-10-01 01:00,10.000000000,SN1,12.000000000,TAO,,,,,,dissolution block 300,');
  });

  it('batched limit-order fills are trades: buy 5 α for 6 TAO, sell 2 α for 3 TAO → realized 3 − 2 × 16/15', () => {
    const r = run(
      base([
        effect(400, 'OrderExecutedBatched', { alpha: 5n * A, tao: -6n * TAO }),
        effect(500, 'OrderExecutedBatched', { alpha: -2n * A, tao: 3n * TAO }),
      ]),
    );
    expect(r.ledger.map((e) => [e.kind, e.flags])).toEqual([
      ['buy', []],
      ['buy', ['batched-order']],
      ['sell', ['batched-order']],
    ]);
    // ACB: 15 α cost 16 TAO; 2 α carry 2 × 16 / 15 = 2.133333333 TAO (floored) → realized 0.866666667
    expect(r.pnl.total.figures.realized).toBe(3n * TAO - (2n * A * 16n * TAO) / (15n * A));
    expect(r.pnl.total.figures).toMatchObject({ alpha: 13n * A, taoIn: 16n * TAO, taoOut: 3n * TAO });
  });

  it('a coldkey swap the user followed carries the lots to the new wallet; unfollowed, the α left at spot', () => {
    const swap = [
      effect(600, 'ColdkeySwapped', { alpha: -10n * A }),
      effect(600, 'ColdkeySwapped', { cold: 'C2', alpha: 10n * A }),
    ];
    const followed = run(base(swap, { trackedColdkeys: ['C1', 'C2'] }));
    expect(followed.ledger.map((e) => e.kind)).toEqual(['buy', 'coldkey-swap']);
    expect(followed.pnl.wallets.find((w) => w.key === 'C2')?.figures).toMatchObject({
      alpha: 10n * A,
      costBasis: 10n * TAO,
    });
    expect(followed.pnl.total.figures.realized).toBe(0n);
    // Only the old coldkey watched: its 10 α left at the pre-block spot value, 20 TAO.
    const left = run(base(swap));
    expect(left.ledger.map((e) => [e.kind, e.flags])).toEqual([
      ['buy', []],
      ['transfer-out', ['ColdkeySwapped']],
    ]);
    expect(left.pnl.total.figures).toMatchObject({ alpha: 0n, realized: 10n * TAO, taoOut: 20n * TAO });
  });

  it('a followed coldkey swap whose sides differ by the pool’s rounding moves no TAO: the parts still add up', () => {
    // 10 α left the old coldkey and 10 α + 3 α-rao arrived (share rounding); the price is 2 TAO per α,
    // so the 3 α-rao are worth 6 rao. Before, the arrival was valued at its own spot: taoIn 6 rao above
    // the taoOut and the total return 6 rao below realized + unrealized + income.
    const r = run(
      base(
        [
          effect(600, 'ColdkeySwapped', { alpha: -10n * A }),
          effect(600, 'ColdkeySwapped', { cold: 'C2', alpha: 10n * A + 3n }),
        ],
        { trackedColdkeys: ['C1', 'C2'], checkpoints: [cp(600, 0n), cp(600, 10n * A + 3n, { cold: 'C2' })] },
      ),
    );
    const wallet = (k: string) => r.pnl.wallets.find((w) => w.key === k)?.figures;
    expect(wallet('C2')?.taoIn).toBe(wallet('C1')?.taoOut);
    const t = r.pnl.total.figures;
    expect(t.alpha).toBe(10n * A + 3n);
    expect(t.totalReturn).toBe(t.realized + t.unrealized + t.incomeTao);
    // The 3 α-rao are a zero-cost lot: worth 6 rao in the unrealized gain, never income.
    expect(t).toMatchObject({ costBasis: 10n * TAO, unrealized: 10n * TAO + 6n, incomeTao: 0n, friction: 0n });
  });

  it('a share-pool reconcile is a revaluation, not income: +2 α at no cost; −4 α later leave with no proceeds', () => {
    const r = run(
      base(
        [
          effect(300, 'SharePoolDenominatorReconciled', { alpha: 2n * A }),
          effect(400, 'SharePoolDenominatorReconciled', { alpha: -4n * A }),
        ],
        { checkpoints: [cp(299, 10n * A), cp(300, 12n * A), cp(399, 12n * A), cp(400, 8n * A)] },
      ),
    );
    expect(r.ledger.map((e) => e.kind)).toEqual(['buy', 'share-reconcile', 'share-reconcile']);
    // no emission and nothing unexplained: the α changes are the reconciles
    expect(r.emissions).toEqual([]);
    // ACB: 12 α cost 10 TAO; 4 α carry 4 × 10/12 TAO of it and leave for nothing
    const gone = (4n * A * 10n * TAO) / (12n * A);
    expect(r.pnl.total.figures).toMatchObject({
      alpha: 8n * A,
      alphaEmitted: 0n,
      alphaUnexplained: 0n,
      realized: -gone,
      costBasis: 10n * TAO - gone,
    });
    expect(taxRows(r.ledger, r.emissions)).toHaveLength(1); // the buy only
  });

  it('an effect names its chain event as source when that event is stored', () => {
    const r = run(
      base([effect(300, 'NetworkRemoved', { alpha: -10n * A, tao: 12n * TAO, idx: 7 })], {
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('HotkeySwapped', { block: 300, idx: 7, tao: 0n }),
        ],
      }),
    );
    expect(r.ledger[1]?.sources.map((s) => `${s.kind}@${s.blockNumber}-${s.eventIndex}`)).toEqual([
      'HotkeySwapped@300-7',
    ]);
  });

  it('an effect’s entry has its chain event’s extrinsic and runtime; with no stored event, none', () => {
    // A batched order fill whose event came in extrinsic 2 under runtime 431: the activity detail said
    // "none (runtime hook)" and no runtime beside that very event's "extrinsic 2".
    const r = run(
      base(
        [
          effect(400, 'OrderExecutedBatched', { alpha: 5n * A, tao: -6n * TAO, idx: 9 }),
          effect(500, 'OrderExecutedBatched', { alpha: -2n * A, tao: 3n * TAO, idx: 4 }),
        ],
        {
          events: [
            ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
            ev('HotkeySwapped', { block: 400, idx: 9, tao: 0n, ext: 2, spec: 431 }),
          ],
        },
      ),
    );
    const [, stored, unstored] = r.ledger;
    expect([stored?.blockNumber, stored?.extrinsicIndex, stored?.specVersion]).toEqual([400, 2, 431]);
    expect([unstored?.blockNumber, unstored?.extrinsicIndex, unstored?.specVersion]).toEqual([500, null, 0]);
  });
});
