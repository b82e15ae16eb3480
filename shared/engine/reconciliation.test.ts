// Hand-worked: at each checkpoint the chain's α is compared with the α the rules explain; only
// growth of α that was held is emission, anything else is kept as unexplained with its block.
import { describe, expect, it } from 'vitest';
import { POOL_VALUE_SCALE, computePortfolio, koinlyCsv, poolGrowth, taxRows, type PortfolioInput } from './index';
import { A, TAO, cp, ev, snap, tsOf } from './testing/fixtures';

const run = (input: PortfolioInput) => computePortfolio(input, { method: 'acb', rewards: 'income' });
const prices = [snap(99, 1, TAO), snap(99, 2, TAO)];

describe('reconciliation at checkpoints', () => {
  it('growth of held α is emission: 10 α held, the chain says 10.3 → 0.3 α income at price 1', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [cp(200, 10_300_000_000n)],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.fromBlock, e.toBlock, e.alpha])).toEqual([
      ['emission', -1, 200, 300_000_000n],
    ]);
    expect(r.pnl.total.figures).toMatchObject({ alphaEmitted: 300_000_000n, incomeTao: 300_000_000n });
  });

  it('α appearing on a position that held nothing since its last checkpoint is unexplained, not income', () => {
    // SN2 position: emptied by a sale at block 150 and checkpointed empty at 200; at 300 the chain
    // shows 0.5 α on it that no event explains (nothing was staked there to earn it).
    const r = run({
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, netuid: 2, tao: 2n * TAO, alpha: 2n * A }),
        ev('StakeRemoved', { block: 150, netuid: 2, tao: 2n * TAO, alpha: 2n * A }),
      ],
      checkpoints: [cp(200, 0n, { netuid: 2 }), cp(300, 500_000_000n, { netuid: 2 })],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.fromBlock, e.toBlock, e.alpha])).toEqual([
      ['unexplained', 200, 300, 500_000_000n],
    ]);
    const f = r.pnl.total.figures;
    expect(f).toMatchObject({ alphaEmitted: 0n, incomeTao: 0n, alphaUnexplainedIn: 500_000_000n, alpha: 500_000_000n });
    // It is held at no cost (not income): worth 0.5 TAO now, all of it unrealized.
    expect(f.costBasis).toBe(0n);
    expect(f.unrealized).toBe(500_000_000n);
    // Not a reward in the tax exports.
    expect(koinlyCsv(taxRows(r.ledger, r.emissions))).not.toContain('reward');
  });

  it('a decrease no rule explains is unexplained with its interval, never negative income', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [cp(200, 9n * A)],
      snapshots: prices,
    });
    expect(r.emissions.map((e) => [e.kind, e.toBlock, e.alpha])).toEqual([['unexplained', 200, -1n * A]]);
    expect(r.pnl.total.figures).toMatchObject({ alphaUnexplained: A, alphaEmitted: 0n, incomeTao: 0n });
    // The lost α takes its cost with it: realized −1 TAO.
    expect(r.pnl.total.figures.realized).toBe(-1n * TAO);
  });
});

// The hotkey pool's value per share (TotalHotkeyAlpha / shares) bounds emission: 1.00 → 1.03 is 3 %
// growth of whatever α sat in the pool (docs/chain/reconciliation.md).
const V = POOL_VALUE_SCALE;
const pv = (hundredths: bigint) => (V * hundredths) / 100n;
const kinds = (r: ReturnType<typeof run>) => r.emissions.map((e) => [e.kind, e.fromBlock, e.toBlock, e.alpha]);

describe('reconciliation against the pool value per share', () => {
  // 10 α staked at 100, checkpointed at 200 with the pool at 1.00 per share.
  const held = (at300: bigint, pool300: bigint, more: Partial<PortfolioInput> = {}) =>
    run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }), ...(more.events ?? [])],
      checkpoints: [cp(200, 10n * A, { poolValue: pv(100n) }), cp(300, at300, { poolValue: pool300 })],
      snapshots: prices,
    });

  it('held α that grew exactly with its pool is emission: 10 α × 1.03 / 1.00 = 10.3 α → 0.3 α income', () => {
    const r = held(10_300_000_000n, pv(103n));
    expect(kinds(r)).toEqual([['emission', 200, 300, 300_000_000n]]);
    expect(r.pnl.total.figures).toMatchObject({ alphaEmitted: 300_000_000n, alphaUnexplainedIn: 0n });
  });

  it('an injected credit on held α: the pool explains 0.3 α of the 2.3 α gained, 2 α is unexplained', () => {
    // chain 12.3 α = 10 α + 0.3 α (10 × 1.03/1.00 − 10) + 2 α nobody explains
    const r = held(12_300_000_000n, pv(103n));
    expect(kinds(r)).toEqual([
      ['emission', 200, 300, 300_000_000n],
      ['unexplained', 200, 300, 2n * A],
    ]);
    const f = r.pnl.total.figures;
    expect(f).toMatchObject({ alphaEmitted: 300_000_000n, incomeTao: 300_000_000n, alphaUnexplainedIn: 2n * A });
    expect(f.alpha).toBe(12_300_000_000n);
    // The unexplained 2 α is held at no cost: cost = 10 TAO paid + 0.3 TAO of income basis.
    expect(f.costBasis).toBe(10_300_000_000n);
  });

  it('the same credit with no epoch in the interval (pool value unchanged) is all unexplained', () => {
    expect(kinds(held(12n * A, pv(100n)))).toEqual([['unexplained', 200, 300, 2n * A]]);
  });

  it('a silent loss during an epoch: the growth is still income, the loss is unexplained', () => {
    // chain 9.3 α = 10 α + 0.3 α growth − 1 α taken
    expect(kinds(held(9_300_000_000n, pv(103n)))).toEqual([
      ['emission', 200, 300, 300_000_000n],
      ['unexplained', 200, 300, -1n * A],
    ]);
  });

  it('share-pool rounding within 10 α-rao of the pool growth is emission; 11 α-rao above it is not', () => {
    expect(kinds(held(10_300_000_010n, pv(103n)))).toEqual([['emission', 200, 300, 300_000_010n]]);
    expect(kinds(held(10_299_999_990n, pv(103n)))).toEqual([['emission', 200, 300, 299_999_990n]]);
    expect(kinds(held(10_300_000_011n, pv(103n)))).toEqual([
      ['emission', 200, 300, 300_000_000n],
      ['unexplained', 200, 300, 11n],
    ]);
  });

  it('α sold inside the interval: emission lies between the growth of the α held after and before', () => {
    // 10 α from 200 to 250, 6 α after the sale at 250; the pool grows 1.00 → 1.10 somewhere in (200, 300]:
    // emission is between 6 × 0.1 = 0.6 α and 10 × 0.1 = 1.0 α.
    const sale = { events: [ev('StakeRemoved', { block: 250, tao: 4n * TAO, alpha: 4n * A })] };
    expect(kinds(held(6_800_000_000n, pv(110n), sale))).toEqual([['emission', 200, 300, 800_000_000n]]);
    expect(kinds(held(7_500_000_000n, pv(110n), sale))).toEqual([
      ['emission', 200, 300, 1n * A],
      ['unexplained', 200, 300, 500_000_000n],
    ]);
    expect(kinds(held(6_500_000_000n, pv(110n), sale))).toEqual([
      ['emission', 200, 300, 600_000_000n],
      ['unexplained', 200, 300, -100_000_000n],
    ]);
  });

  it('α staked in the checkpoint block itself came after that block’s epoch and earned nothing of it', () => {
    // 10 α at 200 (pool 1.00); epoch at 201 (pool 1.01) then a 5 α stake in 201: 10 × 0.01 = 0.1 α.
    const r = run({
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeAdded', { block: 201, tao: 5n * TAO, alpha: 5n * A }),
      ],
      checkpoints: [cp(200, 10n * A, { poolValue: pv(100n) }), cp(201, 15_150_000_000n, { poolValue: pv(101n) })],
      snapshots: prices,
    });
    expect(kinds(r)).toEqual([
      ['emission', 200, 201, 100_000_000n],
      ['unexplained', 200, 201, 50_000_000n],
    ]);
  });

  it('a position on its own hotkey gains take shares at epochs: its growth is income as before', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [
        cp(200, 10n * A, { poolValue: pv(100n), ownsHotkey: true }),
        cp(300, 12_300_000_000n, { poolValue: pv(103n), ownsHotkey: true }),
      ],
      snapshots: prices,
    });
    expect(kinds(r)).toEqual([['emission', 200, 300, 2_300_000_000n]]);
  });

  it('on its own hotkey, an interval with no epoch of the subnet (same epoch counter) earns nothing', () => {
    const owned = (epochAt300: bigint) =>
      run({
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
        checkpoints: [
          cp(200, 10n * A, { poolValue: pv(100n), ownsHotkey: true, epochIndex: 7n }),
          cp(300, 12n * A, { poolValue: pv(100n), ownsHotkey: true, epochIndex: epochAt300 }),
        ],
        snapshots: prices,
      });
    // Counter 7 → 7: no epoch, the 2 α are unexplained. 7 → 8: an epoch may have paid take shares.
    expect(kinds(owned(7n))).toEqual([['unexplained', 200, 300, 2n * A]]);
    expect(kinds(owned(8n))).toEqual([['emission', 200, 300, 2n * A]]);
  });

  it('root is bounded by its pool: a silent credit is unexplained, a claim (basket-claim) is explained', () => {
    // 10 TAO on root; the root pool's value per share does not move (from 334 root dividends are claims,
    // not pool growth). At 300 a claim stakes 0.5 TAO on root (BasketClaimed, the basket-claim leg) and
    // 1 TAO more arrives that nothing explains.
    const r = run({
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, netuid: 0, tao: 10n * TAO, alpha: 10n * TAO }),
        ev('BasketClaimed', { block: 250, netuid: 0, tao: TAO / 2n, spec: 475 }),
      ],
      checkpoints: [
        cp(200, 10n * TAO, { netuid: 0, poolValue: pv(100n) }),
        cp(300, 11n * TAO + TAO / 2n, { netuid: 0, poolValue: pv(100n) }),
      ],
      snapshots: [snap(99, 0, TAO)],
    });
    expect(kinds(r)).toEqual([['unexplained', 200, 300, TAO]]);
    expect(r.pnl.total.figures).toMatchObject({ alphaEmitted: 0n, alphaUnexplainedIn: TAO });
    // Before 334 root dividends raised root's TotalHotkeyAlpha: growth of the pool is emission.
    const grown = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, netuid: 0, tao: 10n * TAO, alpha: 10n * TAO })],
      checkpoints: [
        cp(200, 10n * TAO, { netuid: 0, poolValue: pv(100n) }),
        cp(300, 11n * TAO, { netuid: 0, poolValue: pv(110n) }),
      ],
      snapshots: [snap(99, 0, TAO)],
    });
    expect(kinds(grown)).toEqual([['emission', 200, 300, TAO]]);
  });

  it('a root position on its own hotkey keeps the sign rule (root has no epoch counter)', () => {
    const r = run({
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, netuid: 0, tao: 10n * TAO, alpha: 10n * TAO })],
      checkpoints: [
        cp(200, 10n * TAO, { netuid: 0, poolValue: pv(100n), ownsHotkey: true }),
        cp(300, 11n * TAO, { netuid: 0, poolValue: pv(100n), ownsHotkey: true }),
      ],
      snapshots: [snap(99, 0, TAO)],
    });
    expect(kinds(r)).toEqual([['emission', 200, 300, TAO]]);
  });

  it('root from 334: a rounding gain inside the tolerance is unexplained, not income (dividends are claimed)', () => {
    // 3 α-rao more on root with the pool's value per share moved by a hair (other stakers' operations):
    // within 10 α-rao of the pool's growth, so the sign rule would book it as emission (devnet demo seeds
    // 4, 6–8: 1 α-rao on root where the chain credited none). From 334 no epoch pays root holders.
    const rounding = (spec: number | undefined, ownsHotkey = false) =>
      kinds(
        run({
          trackedColdkeys: ['C1'],
          events: [ev('StakeAdded', { block: 100, netuid: 0, tao: 10n * TAO, alpha: 10n * TAO })],
          checkpoints: [
            cp(200, 10n * TAO, { netuid: 0, poolValue: pv(100n), ownsHotkey }),
            cp(300, 10n * TAO + 3n, { netuid: 0, poolValue: pv(100n) + 1n, ownsHotkey }),
          ],
          snapshots: spec === undefined ? [] : [snap(99, 0, TAO, { spec })],
        }),
      );
    expect(rounding(343)).toEqual([['unexplained', 200, 300, 3n]]);
    // Before 334, or with no snapshot to tell the runtime, or on its own hotkey: the sign rule, as before.
    expect(rounding(320)).toEqual([['emission', 200, 300, 3n]]);
    expect(rounding(undefined)).toEqual([['emission', 200, 300, 3n]]);
    expect(rounding(343, true)).toEqual([['emission', 200, 300, 3n]]);
  });

  it('no epoch in the interval (counter unchanged): a rounding gain is not emission, pool values or not', () => {
    // Other stakers' operations moved the pool's value per share by a hair; the subnet's epoch counter
    // stayed at 7, so nothing was paid: the 3 α-rao are unexplained (were emission by the sign rule).
    for (const [from, to] of [
      [pv(100n), pv(100n) + 1n],
      [undefined, undefined],
    ]) {
      const r = run({
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
        checkpoints: [
          cp(200, 10n * A, { poolValue: from, epochIndex: 7n }),
          cp(300, 10n * A + 3n, { poolValue: to, epochIndex: 7n }),
        ],
        snapshots: prices,
      });
      expect(kinds(r)).toEqual([['unexplained', 200, 300, 3n]]);
    }
  });

  it('a share-pool reconcile is not pool growth: the bound is rebased by its factor (root, and a subnet with an epoch)', () => {
    // 10 α held; at 300 the reconcile revalues the pool by 12/10 (sync's effect: +2 α, share-reconcile)
    // and, on the subnet, an epoch in the same block pays 1 % on the 12 α: pool 1.00 → 1.212.
    const reconciled = (netuid: number, chain: bigint, pool: bigint, epochs: [bigint, bigint] | null) =>
      run({
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, netuid, tao: 10n * TAO, alpha: 10n * A })],
        effects: [
          {
            blockNumber: 300,
            timestamp: tsOf(300),
            eventIndex: 0,
            kind: 'SharePoolDenominatorReconciled',
            coldkey: 'C1',
            hotkey: 'H1',
            netuid,
            alpha: 2n * A,
            tao: 0n,
          },
        ],
        checkpoints: [
          cp(299, 10n * A, { netuid, poolValue: pv(100n), ...(epochs ? { epochIndex: epochs[0] } : {}) }),
          cp(300, chain, { netuid, poolValue: pool, ...(epochs ? { epochIndex: epochs[1] } : {}) }),
        ],
        snapshots: [snap(99, 0, TAO), ...prices],
      });
    // Root (no epoch counter): 12 α after the reconcile, nothing more; was emission 2 α and −2 α unexplained.
    expect(kinds(reconciled(0, 12n * A, pv(120n), null))).toEqual([]);
    // Subnet with an epoch at 300: the epoch's 0.12 α is emission, the reconcile's 2 α is not.
    expect(kinds(reconciled(1, 12_120_000_000n, pv(1212n) / 10n, [7n, 8n]))).toEqual([
      ['emission', 299, 300, 120_000_000n],
    ]);
  });

  it('legs in several blocks: a zero checkpoint where the position emptied makes the bound exact', () => {
    // 10 α from 100; at 250 the pool stands at 1.10 (an epoch paid 1 α) and 0.5 α arrive silently before
    // the sale of all 11.5 α; rebought 10 α at 400, the pool at 1.30 by then.
    const events = [
      ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
      ev('StakeRemoved', { block: 250, tao: 11n * TAO, alpha: 11_500_000_000n }),
      ev('StakeAdded', { block: 400, tao: 10n * TAO, alpha: 10n * A }),
    ];
    const first = cp(200, 10n * A, { poolValue: pv(100n) });
    const last = cp(400, 10n * A, { poolValue: pv(130n) });
    // Without a row at 250 the interval (200, 400] only knows the α held lay between 0 and 10 α, whose
    // growths 0 and 3 α bracket the 1.5 α gained: all of it reads as emission.
    const loose = run({ trackedColdkeys: ['C1'], events, checkpoints: [first, last], snapshots: prices });
    expect(kinds(loose)).toEqual([['emission', 200, 400, 1_500_000_000n]]);
    // Sync's zero row at 250 (the position emptied there, with the pool value read in that block): the
    // epoch paid 10 α × 1.10 − 10 α = 1 α, the 0.5 α is unexplained, and nothing is earned while empty.
    const exact = run({
      trackedColdkeys: ['C1'],
      events,
      checkpoints: [first, cp(250, 0n, { poolValue: pv(110n) }), last],
      snapshots: prices,
    });
    expect(kinds(exact)).toEqual([
      ['emission', 200, 250, A],
      ['unexplained', 200, 250, 500_000_000n],
    ]);
  });

  it('α that appears when nothing was held before the checkpoint block is unexplained, pool values or not', () => {
    // Emptied at 250 (zero row), bought at 400 in the checkpoint block itself (after that block's epoch):
    // 1 α more than the purchase cannot be emission, even with the pool grown or not read.
    for (const poolValue of [pv(130n), undefined]) {
      const r = run({
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 250, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeAdded', { block: 400, tao: 10n * TAO, alpha: 10n * A }),
        ],
        checkpoints: [
          cp(200, 10n * A, { poolValue: pv(100n) }),
          cp(250, 0n, { poolValue: pv(100n) }),
          cp(400, 11n * A, { poolValue }),
        ],
        snapshots: prices,
      });
      expect(kinds(r)).toEqual([['unexplained', 250, 400, A]]);
    }
  });

  it('poolGrowth floors: 3 α-rao at 1.00 → 1.50 per share grow to 4 (4.5 floored)', () => {
    expect(poolGrowth(3n, pv(100n), pv(150n))).toBe(1n);
    expect(poolGrowth(3n, pv(150n), pv(100n))).toBe(0n);
  });
});
