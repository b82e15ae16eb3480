import { describe, expect, it } from 'vitest';
import { computePortfolio, createEngine, FundBook, TWR_ONE, type PortfolioInput } from './index';
import { INDEX_SCALE } from './analytics/indexes';
import { TAO, cp, ev, snap } from './testing/fixtures';

const twr = (blockNumber: number, hotkey: string, num: bigint, den = 1n) => ({
  blockNumber,
  hotkey,
  twr: (TWR_ONE * num) / den,
});

// Root: 100 TAO staked on validator V at block 50 (before its fund's first reading at block 100).
// BasketTwr[V]: 1.0 at 100, 1.25 at 200, 1.5 at 300 (readings at the snapshot blocks, as sync takes them).
// SN1: block 150 buy 9.9 α for 10 TAO; block 250 sell 4.95 α for 6 TAO; price 1.0 until 300, then 1.5.
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 50, hot: 'V', netuid: 0, tao: 100n * TAO, alpha: 100n * TAO, spec: 455 }),
    ev('StakeAdded', { block: 150, tao: 10n * TAO, alpha: 9_900_000_000n, spec: 455 }),
    ev('StakeRemoved', { block: 250, tao: 6n * TAO, alpha: 4_950_000_000n, spec: 455 }),
  ],
  checkpoints: [cp(100, 100n * TAO, { hot: 'V', netuid: 0 })],
  snapshots: [snap(100, 1, 1n * TAO), snap(200, 1, 1n * TAO), snap(300, 1, 1_500_000_000n)],
  basketTwr: [twr(100, 'V', 1n), twr(200, 'V', 5n, 4n), twr(300, 'V', 3n, 2n)],
};

describe('Your validator’s fund (BasketTwr) as a benchmark', () => {
  const r = computePortfolio(input, { method: 'acb', rewards: 'income' });
  const sn1 = r.benchmarks?.positions.get('C1|H1|1')?.validatorFund;

  it('flows buy units at the fund’s TWR: 10/1.0 (block 150) − 6/1.25 (block 250) = 5.2 units, × 1.5 = 7.8 TAO', () => {
    expect(sn1?.available).toBe(true);
    expect(sn1?.complete).toBe(true);
    expect(sn1?.benchmarkValue).toBe(7_800_000_000n);
    // benchmark gain: 7.8 − (10 − 6) net invested
    expect(sn1?.benchmarkGain).toBe(3_800_000_000n);
  });

  it('excess = 4.95 α × 1.5 − 7.8 = −0.375 TAO, and price + emission + friction − benchmark gain adds up to it', () => {
    expect(sn1?.betValue).toBe(7_425_000_000n);
    expect(sn1?.excess).toBe(-375_000_000n);
    // friction: 0.1 on the buy, −1.05 on the sell (6 TAO for 4.95 α worth 4.95) → effect +0.95
    expect(sn1?.frictionEffect).toBe(950_000_000n);
    expect(sn1?.emissionEffect).toBe(0n);
    // price effect = −0.375 + 3.8 − 0 − 0.95 = 2.475, the same as against every other benchmark
    expect(sn1?.priceEffect).toBe(2_475_000_000n);
    expect(r.benchmarks?.positions.get('C1|H1|1')?.holdTao.priceEffect).toBe(2_475_000_000n);
    for (const b of [...(r.benchmarks?.positions.values() ?? []), r.benchmarks?.total])
      expect(b!.validatorFund.priceEffect + b!.validatorFund.emissionEffect + b!.validatorFund.frictionEffect).toBe(
        b!.validatorFund.excess + b!.validatorFund.benchmarkGain,
      );
  });

  it('a flow before the first reading waits as TAO: the root stake (100 at block 50) is incomplete, worth 150', () => {
    const root = r.benchmarks?.positions.get('C1|V|0')?.validatorFund;
    expect(root?.complete).toBe(false);
    expect(root?.benchmarkValue).toBe(150n * TAO);
    expect(r.benchmarks?.total.validatorFund.complete).toBe(false);
    expect(r.benchmarks?.total.validatorFund.benchmarkValue).toBe(157_800_000_000n);
  });

  it('the chart line’s last point is the card; at block 250 it is 100 + 10 units × 1.25 − 6 = 131.5 TAO', () => {
    const s = computePortfolio(input, {
      method: 'acb',
      rewards: 'income',
      series: { daily: true, perEvent: true },
    }).series;
    expect(s?.daily.at(-1)?.benchmarks.validatorFund).toBe(r.benchmarks?.total.validatorFund.benchmarkValue);
    const at250 = s?.perEvent.find((p) => p.blockNumber === 250);
    // root 100 units and SN1 10 − 4.8 = 5.2 units at index 1.25
    expect(at250?.benchmarks.validatorFund).toBe(131_500_000_000n);
  });

  it('before runtime 441 (no readings) the benchmark is unavailable', () => {
    const none = computePortfolio({ ...input, basketTwr: [] }, { method: 'acb', rewards: 'income' });
    expect(none.benchmarks?.total.validatorFund.available).toBe(false);
    expect(none.benchmarks?.positions.get('C1|H1|1')?.validatorFund.available).toBe(false);
  });

  it('live facts appended later give the figures of a full computation', () => {
    const upTo = (b: number): PortfolioInput => ({
      ...input,
      events: input.events.filter((e) => e.blockNumber <= b),
      checkpoints: input.checkpoints.filter((e) => e.blockNumber <= b),
      snapshots: input.snapshots.filter((e) => e.blockNumber <= b),
      basketTwr: input.basketTwr!.filter((e) => e.blockNumber <= b),
    });
    const e = createEngine(upTo(160));
    e.benchmarks();
    const later = <T extends { blockNumber: number }>(xs: readonly T[]): T[] => xs.filter((x) => x.blockNumber > 160);
    const ok = e.append({
      events: later(input.events),
      checkpoints: later(input.checkpoints),
      snapshots: later(input.snapshots),
      basketTwr: later(input.basketTwr!),
    });
    expect(ok).toBe(true);
    expect(e.benchmarks().total.validatorFund).toEqual(r.benchmarks?.total.validatorFund);
  });
});

describe('FundBook: several validators', () => {
  it('weights each fund’s relative by the root stake on it before the step; a fallen reading is a new life', () => {
    const book = new FundBook(new Set(['C1']));
    book.add(
      [
        twr(100, 'V1', 1n),
        twr(100, 'V2', 1n),
        twr(200, 'V1', 5n, 4n), // ×1.25
        twr(200, 'V2', 3n, 2n), // ×1.5
        twr(300, 'V1', 1n), // fell from 1.25: a new fund life, no return over the step
        twr(300, 'V2', 3n, 2n),
        twr(400, 'V1', 3n, 2n), // ×1.5 from the new life's 1.0
        twr(400, 'V2', 3n, 2n),
      ],
      [
        cp(100, 300n * TAO, { hot: 'V1', netuid: 0 }),
        cp(100, 100n * TAO, { hot: 'V2', netuid: 0 }),
        cp(350, 100n * TAO, { hot: 'V1', netuid: 0 }),
        cp(350, 300n * TAO, { hot: 'V2', netuid: 0 }),
        cp(350, 5n * TAO, { hot: 'X', netuid: 0, cold: 'C2' }), // not tracked: no weight
      ],
    );
    const idx = book.index(1_000);
    expect(idx.available).toBe(true);
    expect(idx.startBlock).toBe(100);
    // 200: (300 × 1.25 + 100 × 1.5) / 400 = 1.3125; 300: no fund moved; 400: × (100 × 1.5 + 300 × 1) / 400 = × 1.125
    expect(idx.points).toEqual([
      { blockNumber: 200, value: 1_312_500_000_000_000_000n },
      { blockNumber: 400, value: 1_476_562_500_000_000_000n },
    ]);
    // as of 399 the last step is not there yet
    expect(book.index(399).points).toHaveLength(1);
    // a later reading (live sync) is folded in: V1 × 4/3 (1.5 → 2.0), weights still 100 : 300 → × 1.0833…
    book.add([twr(500, 'V1', 2n), twr(500, 'V2', 3n, 2n)], []);
    expect(book.index(1_000).points.at(-1)).toEqual({
      blockNumber: 500,
      value: (1_476_562_500_000_000_000n * (100n * 4n + 300n * 3n)) / (400n * 3n),
    });
  });

  it('fund shares weigh by their TAO value, beside root stake', () => {
    const book = new FundBook(new Set(['C1']));
    book.add(
      [twr(100, 'V1', 1n), twr(100, 'V2', 1n), twr(200, 'V1', 5n, 4n), twr(200, 'V2', 3n, 2n)],
      [cp(100, 100n * TAO, { hot: 'V1', netuid: 0 })],
      [{ blockNumber: 100, timestamp: 0, coldkey: 'C1', rows: [{ hotkey: 'V2', shares: 7n, value: 300n * TAO }] }],
    );
    // (100 × 1.25 + 300 × 1.5) / 400 = 1.4375
    expect(book.index(200).points).toEqual([{ blockNumber: 200, value: 1_437_500_000_000_000_000n }]);
  });

  it('funds with nothing of the user behind them weigh equally', () => {
    const book = new FundBook(new Set(['C1']));
    book.add([twr(100, 'V1', 1n), twr(100, 'V2', 1n), twr(200, 'V1', 5n, 4n), twr(200, 'V2', 3n, 2n)], []);
    expect(book.index(200).points).toEqual([{ blockNumber: 200, value: (INDEX_SCALE * 11n) / 8n }]);
  });

  it('one fund: the index is its TWR rebased to 1.0 at its first reading', () => {
    const book = new FundBook(new Set(['C1']));
    book.add([twr(10, 'V', 2n), twr(20, 'V', 5n, 2n), twr(30, 'V', 3n)], [cp(5, TAO, { hot: 'V', netuid: 0 })]);
    expect(book.index(30).points.map((p) => p.value)).toEqual([(INDEX_SCALE * 5n) / 4n, (INDEX_SCALE * 3n) / 2n]);
  });
});
