import { describe, expect, it } from 'vitest';
import {
  computePortfolio,
  createEngine,
  deriveEmissions,
  normalizeEvents,
  PriceBook,
  type PortfolioInput,
  type PositionResult,
} from './index';
import { taxRowOf } from './tax-rows';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

const pos = (ps: PositionResult[], key: string): PositionResult => {
  const p = ps.find((x) => x.key === key);
  if (!p) throw new Error(`no position ${key}`);
  return p;
};

describe('emissions between checkpoints', () => {
  // block 100 buy 10 α for 10 TAO; checkpoint 150 shows 10.5 α → 0.5 α emitted, price 1.2 → 0.6 TAO
  // block 200 sell 4 α gross for 5 TAO; checkpoint 250 shows 7 α → 7 − (10.5 − 4) = 0.5 α, price 1.3 → 0.65 TAO
  const input: PortfolioInput = {
    trackedColdkeys: ['C1'],
    events: [
      ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
      ev('StakeRemoved', { block: 200, tao: 5n * TAO, alpha: 4n * A }),
    ],
    checkpoints: [cp(150, 10_500_000_000n), cp(250, 7n * A)],
    snapshots: [snap(99, 1, 1n * TAO), snap(150, 1, 1_200_000_000n), snap(250, 1, 1_300_000_000n)],
  };

  it('derives 0.5 α per interval valued at the checkpoint price', () => {
    const prices = new PriceBook(input.snapshots);
    const ledger = normalizeEvents(input.events, { trackedColdkeys: new Set(['C1']), prices });
    const recs = deriveEmissions(ledger, input.checkpoints, prices);
    expect(recs.map((r) => [r.fromBlock, r.toBlock, r.alpha, r.tao])).toEqual([
      [-1, 150, 500_000_000n, 600_000_000n],
      [150, 250, 500_000_000n, 650_000_000n],
    ]);
  });

  it('books emission income (income basis) and keeps α conserved', () => {
    const r = computePortfolio(input, { method: 'acb', rewards: 'income' });
    const f = r.pnl.total.figures;
    expect(f.alpha).toBe(7n * A);
    expect(f.alphaEmitted).toBe(1n * A);
    expect(f.emissionTao).toBe(1_250_000_000n); // 0.6 + 0.65
    // ACB: before the sale 10.5 α cost 10.6 TAO; sale of 4 α removes floor(10.6e9 × 4/10.5) = 4,038,095,238
    // realized = 5e9 − 4,038,095,238 = 961,904,762
    expect(f.realized).toBe(961_904_762n);
    // remaining cost = 10.6e9 − 4,038,095,238 + 0.65e9 = 7,211,904,762; value 7 α × 1.3 = 9.1 TAO
    expect(f.costBasis).toBe(7_211_904_762n);
    expect(f.unrealized).toBe(9_100_000_000n - 7_211_904_762n);
    // total return (flows) = 9.1 + 5 − 10 = 4.1 TAO = realized + unrealized + income
    expect(f.totalReturn).toBe(4_100_000_000n);
    expect(f.realized + f.unrealized + f.incomeTao).toBe(f.totalReturn);
  });

  it('zero-basis rewards: same total return, no income added to cost', () => {
    const r = computePortfolio(input, { method: 'acb', rewards: 'zero' });
    const f = r.pnl.total.figures;
    // before sale: 10.5 α cost 10 TAO; removed floor(10e9 × 4/10.5) = 3,809,523,809
    expect(f.realized).toBe(5n * TAO - 3_809_523_809n);
    expect(f.realized + f.unrealized).toBe(f.totalReturn);
  });
});

describe('moves and transfers', () => {
  it('move within a subnet (hotkey H1 → H2) carries the basis', () => {
    // buy 10 α for 10 TAO on H1; move 4 α to H2 at price 2 (tao 8 on both events, fee 0)
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, idx: 1, tao: 8n * TAO, alpha: 4n * A }),
          ev('StakeAdded', { block: 200, idx: 2, hot: 'H2', tao: 8n * TAO, alpha: 4n * A }),
          ev('StakeMoved', { block: 200, idx: 3, destHot: 'H2', destNet: 1, tao: 8n * TAO }),
        ],
        checkpoints: [],
        snapshots: [snap(150, 1, 2n * TAO)],
      },
      { method: 'acb', rewards: 'income' },
    );
    const h1 = pos(r.pnl.positions, 'C1|H1|1');
    const h2 = pos(r.pnl.positions, 'C1|H2|1');
    expect(r.pnl.total.figures.realized).toBe(0n);
    // book cost 10 TAO split by α: H1 6 α → 6 TAO, H2 4 α → 4 TAO
    expect([h1.figures.alpha, h1.figures.costBasis, h2.figures.alpha, h2.figures.costBasis]).toEqual([
      6n * A,
      6n * TAO,
      4n * A,
      4n * TAO,
    ]);
    expect(h2.figures.alphaTransferredIn).toBe(4n * A);
    expect(h1.figures.alphaTransferredOut).toBe(4n * A);
    expect(r.pnl.total.figures.friction).toBe(0n);
  });

  it('pre-297 same-subnet move was a swap: the α lost to fees is a zero-proceeds disposal', () => {
    // spec 290: 4 α leave H1 (fee inside), 3.99 α arrive on H2; book 10 α / 10 TAO
    // carry 4 α (cost 4) then dispose the 0.01 α shortfall: floor(10e9 × 0.01/10) = 0.01 TAO realized loss
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, spec: 290, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, spec: 290, idx: 1, tao: 8n * TAO, alpha: 4n * A, fee: 5_000_000n }),
          ev('StakeAdded', {
            block: 200,
            spec: 290,
            idx: 2,
            hot: 'H2',
            tao: 8n * TAO,
            alpha: 3_990_000_000n,
            fee: 20_000_000n,
          }),
          ev('StakeMoved', { block: 200, spec: 290, idx: 3, destHot: 'H2', destNet: 1, tao: 8n * TAO }),
        ],
        checkpoints: [],
        snapshots: [],
      },
      { method: 'acb', rewards: 'income' },
    );
    expect(r.ledger[1]?.kind).toBe('move');
    expect(r.pnl.total.figures.alpha).toBe(9_990_000_000n);
    expect(r.pnl.total.figures.realized).toBe(-10_000_000n);
    expect(r.pnl.total.figures.costBasis).toBe(9_990_000_000n);
  });

  it('cross-subnet swap disposes on the origin and acquires on the destination', () => {
    // SN1: buy 10 α for 10 TAO. Swap all 10 α (fee 0.005 α inside) → 19.9 TAO → 4 α on SN2
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, idx: 1, tao: 19_900_000_000n, alpha: 10n * A, fee: 5_000_000n }),
          ev('StakeAdded', { block: 200, idx: 2, netuid: 2, tao: 19_900_000_000n, alpha: 4n * A }),
          ev('StakeSwapped', { block: 200, idx: 3, destNet: 2, tao: 19_900_000_000n }),
        ],
        checkpoints: [],
        snapshots: [snap(150, 1, 2n * TAO), snap(150, 2, 5n * TAO)],
      },
      { method: 'fifo', rewards: 'income' },
    );
    const s1 = pos(r.pnl.positions, 'C1|H1|1');
    const s2 = pos(r.pnl.positions, 'C1|H1|2');
    expect(s1.figures.realized).toBe(9_900_000_000n); // 19.9 − 10
    expect(s1.figures.alphaSold).toBe(10n * A);
    expect(s2.figures.costBasis).toBe(19_900_000_000n);
    expect(s2.figures.alphaBought).toBe(4n * A);
    // friction: origin spot 10 α × 2 = 20 vs 19.9 received → 0.1; dest 19.9 paid vs 4 × 5 = 20 spot → −0.1
    expect(s1.figures.friction).toBe(100_000_000n);
    expect(s2.figures.friction).toBe(-100_000_000n);
    expect(s1.figures.feesAlpha).toBe(5_000_000n);
  });

  it('internal transfer between two tracked wallets carries FIFO lots with their order', () => {
    // C1 buys 10 α @1 then 10 α @3; transfers 10 α to C2 (FIFO → the 10 α @1 lot, cost 10)
    // C2 sells 5 α for 10 TAO: cost floor(10 × 5/10) = 5 → realized 5
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1', 'C2'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeAdded', { block: 110, tao: 30n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, idx: 1, tao: 20n * TAO, alpha: 10n * A }),
          ev('StakeAdded', { block: 200, idx: 2, cold: 'C2', tao: 20n * TAO, alpha: 10n * A }),
          ev('StakeTransferred', { block: 200, idx: 3, counter: 'C2', destNet: 1, tao: 20n * TAO }),
          ev('StakeRemoved', { block: 300, cold: 'C2', tao: 10n * TAO, alpha: 5n * A }),
        ],
        checkpoints: [],
        snapshots: [snap(150, 1, 2n * TAO)],
      },
      { method: 'fifo', rewards: 'income' },
    );
    expect(r.ledger[2]?.kind).toBe('internal-transfer');
    const c1 = pos(r.pnl.positions, 'C1|H1|1');
    const c2 = pos(r.pnl.positions, 'C2|H1|1');
    expect(c1.figures.costBasis).toBe(30n * TAO);
    expect(c1.figures.realized).toBe(0n);
    expect(c2.figures.realized).toBe(5n * TAO);
    expect(c2.figures.costBasis).toBe(5n * TAO);
    expect(c2.figures.costCarriedIn).toBe(10n * TAO);
  });

  it('moving all α to another hotkey before its emission is booked realizes nothing (one book)', () => {
    // Buy 10 α for 10 TAO (price 1). At block 200 (price 2) all 10.5 α move H1 → H2: 0.5 α were emitted
    // since and are booked only at the checkpoint of block 250 (H1 0 α → 0.5 α emission × 2 = 1 TAO income).
    // One book (C1, SN1): a hotkey move changes nothing in it. Right: realized 0, cost 10 + 1 = 11 on H2,
    // unrealized 21 − 11 = 10; total return 21 − 10 = 11 = 0 + 10 + 1. (Was: realized −0.5, cost 10.5.)
    const input: PortfolioInput = {
      trackedColdkeys: ['C1'],
      events: [
        ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
        ev('StakeRemoved', { block: 200, idx: 1, tao: 21n * TAO, alpha: 10_500_000_000n }),
        ev('StakeAdded', { block: 200, idx: 2, hot: 'H2', tao: 21n * TAO, alpha: 10_500_000_000n }),
        ev('StakeMoved', { block: 200, idx: 3, destHot: 'H2', destNet: 1, tao: 21n * TAO }),
      ],
      checkpoints: [cp(250, 0n), cp(250, 10_500_000_000n, { hot: 'H2' })],
      snapshots: [snap(99, 1, TAO), snap(150, 1, 2n * TAO)],
    };
    for (const method of ['acb', 'fifo', 'lifo', 'hifo'] as const) {
      const r = computePortfolio(input, { method, rewards: 'income' });
      const f = r.pnl.total.figures;
      expect([f.realized, f.costBasis, f.unrealized, f.incomeTao, f.totalReturn]).toEqual([
        0n,
        11n * TAO,
        10n * TAO,
        1n * TAO,
        11n * TAO,
      ]);
      expect(pos(r.pnl.positions, 'C1|H2|1').figures.costBasis).toBe(11n * TAO);
      // The book holds every α of the wallet on SN1, with no deficit.
      const book = createEngine(input, { method, rewards: 'income' }).state.book('C1', 1);
      expect([book.alpha(), book.cost(), book.deficit()]).toEqual([10_500_000_000n, 11n * TAO, 0n]);
    }
  });

  it('transfer out to a stranger is a disposal at its TAO value', () => {
    // ACB 10 α / 10 TAO; 5 α to S at price 2 → proceeds 10, cost removed 5 → realized 5
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, idx: 1, tao: 10n * TAO, alpha: 5n * A }),
          ev('StakeAdded', { block: 200, idx: 2, cold: 'S', tao: 10n * TAO, alpha: 5n * A }),
          ev('StakeTransferred', { block: 200, idx: 3, counter: 'S', destNet: 1, tao: 10n * TAO }),
        ],
        checkpoints: [],
        snapshots: [snap(150, 1, 2n * TAO)],
      },
      { method: 'acb', rewards: 'income' },
    );
    const f = r.pnl.total.figures;
    expect(f.alphaTransferredOut).toBe(5n * A);
    expect(f.realized).toBe(5n * TAO);
    expect(f.alpha).toBe(5n * A);
    expect(r.pnl.positions).toHaveLength(1);
  });
});

describe('root claims', () => {
  /** 2 α kept on SN3 by a root claim at block 500, with these price snapshots. */
  const keepClaim = (snapshots: PortfolioInput['snapshots']) =>
    computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [ev('RootClaimed', { block: 500, ext: null, hot: null, netuid: null })],
        rootClaims: [
          {
            blockNumber: 500,
            timestamp: 0,
            coldkey: 'C1',
            hotkey: 'H1',
            netuid: 3,
            mode: 'keep',
            alpha: 2n * A,
            tao: 0n,
          },
        ],
        checkpoints: [cp(500, 2n * A, { netuid: 3 })],
        snapshots,
      },
      { method: 'acb', rewards: 'income' },
    );

  it('Keep: α added on the subnet as income at the claim-block price', () => {
    // 2 α kept on SN3 at 1.5 TAO/α → income 3 TAO, basis 3 TAO
    const r = keepClaim([snap(400, 3, 1_500_000_000n)]);
    const f = r.pnl.total.figures;
    expect(r.ledger[0]?.kind).toBe('root-claim-keep');
    expect(r.ledger[0]?.sources[0]?.kind).toBe('RootClaimed');
    expect(f.alphaRootClaim).toBe(2n * A);
    expect(f.alphaEmitted).toBe(0n); // the checkpoint is fully explained by the claim
    expect(f.incomeTao).toBe(3n * TAO);
    expect(f.costBasis).toBe(3n * TAO);
    expect(taxRowOf(r.ledger[0]!)).toMatchObject({ receivedAmount: 2n * A, worthTao: 3n * TAO, label: 'reward' });
  });

  it('Keep without a price at the claim block: income 0 τ, flagged, exported with no worth (not 0)', () => {
    const r = keepClaim([]);
    expect(r.ledger[0]?.flags).toContain('missing-price');
    expect(r.pnl.total.figures.incomeTao).toBe(0n);
    expect(taxRowOf(r.ledger[0]!)).toMatchObject({ receivedAmount: 2n * A, worthTao: null, label: 'reward' });
  });

  it('Swap: TAO added to root stake as income (root α = TAO 1:1)', () => {
    // root stake 100 TAO; 0.4 TAO claimed by Swap → root position 100.4, income 0.4
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, netuid: 0, tao: 100n * TAO, alpha: 100n * TAO })],
        rootClaims: [
          {
            blockNumber: 600,
            timestamp: 0,
            coldkey: 'C1',
            hotkey: 'H1',
            netuid: 5,
            mode: 'swap',
            alpha: 0n,
            tao: 400_000_000n,
          },
        ],
        checkpoints: [cp(600, 100_400_000_000n, { netuid: 0 })],
        snapshots: [],
      },
      { method: 'acb', rewards: 'income' },
    );
    const p = pos(r.pnl.positions, 'C1|H1|0');
    expect(p.figures.alpha).toBe(100_400_000_000n);
    expect(p.figures.alphaRootClaim).toBe(400_000_000n);
    expect(p.figures.alphaEmitted).toBe(0n);
    expect(p.figures.incomeTao).toBe(400_000_000n);
    expect(p.figures.spotValue).toBe(100_400_000_000n);
    expect(p.figures.totalReturn).toBe(400_000_000n);
    // root yield observed: index × (100 + 0.4)/100
    const b = r.benchmarks?.total.rootStake;
    expect(b?.available).toBe(true);
    expect(b?.benchmarkValue).toBe(100_400_000_000n);
  });
});

describe('alpha-paid fee in the engine', () => {
  it('is an expense: cost removed is a realized loss, the fee value is friction, no proceeds', () => {
    // 10 α / 10 TAO; fee 0.1 α worth 0.09 TAO to the block author → realized −0.1 TAO (ACB), friction 0.09
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, spec: 400, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, spec: 400, idx: 1, tao: 90_000_000n, alpha: 100_000_000n }),
          ev('TransactionFeePaidWithAlpha', {
            block: 200,
            spec: 400,
            idx: 2,
            hot: null,
            netuid: null,
            tao: 90_000_000n,
            alpha: 100_000_000n,
          }),
        ],
        checkpoints: [],
        snapshots: [snap(50, 1, 1n * TAO)],
      },
      { method: 'acb', rewards: 'income' },
    );
    const f = r.pnl.total.figures;
    expect(f.alphaFeePaid).toBe(100_000_000n);
    expect(f.proceeds).toBe(0n);
    expect(f.realized).toBe(-100_000_000n);
    expect(f.friction).toBe(90_000_000n);
  });
});

describe('exit value and incremental path', () => {
  it('exit value: constant product with FeeRate 33/65535 (≥297)', () => {
    // pool: alphaIn 1,000,000 α, taoIn 2,000,000 TAO (price 2). Sell 10 α:
    // fee = floor(10e9 × 33 / 65535) = 5,035,477; in = 9,994,964,523
    // tao = floor(2e15 × 9,994,964,523 / (1e15 + 9,994,964,523)) = 19,989,729,249
    const r = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [ev('StakeAdded', { block: 100, tao: 20n * TAO, alpha: 10n * A })],
        checkpoints: [],
        snapshots: [snap(100, 1, 2n * TAO)],
      },
      { method: 'acb', rewards: 'income' },
    );
    const fee = (10n * A * 33n) / 65535n;
    const expected = (2_000_000n * TAO * (10n * A - fee)) / (1_000_000n * A + 10n * A - fee);
    expect(fee).toBe(5_035_477n);
    expect(r.pnl.total.figures.exitValue).toBe(expected);
    expect(expected).toBe(19_989_729_249n);
  });
});
