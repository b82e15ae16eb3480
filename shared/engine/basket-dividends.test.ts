// Fund dividends credited between two snapshots from BasketTwr (./basket-dividends, docs/chain/baskets.md):
// hand-worked ln, the chain's credit for two deposits and the documented gap, one block's single deposit
// exactly, and when it cannot be known.
import { describe, expect, it } from 'vitest';
import { DividendBook, lnRatio } from './basket-dividends';
import { TWR_ONE } from './analytics/fund-index';
import { cp } from './testing/fixtures';

const TAO = 1_000_000_000n;
const twr = (blockNumber: number, v: bigint) => ({ blockNumber, hotkey: 'V', twr: v });

describe('dividends from BasketTwr', () => {
  it('ln(2) × 2^64 = 12,786,308,645,202,655,659.79: below it by under 64 units (each term of the series floors)', () => {
    const gap = 12_786_308_645_202_655_659n - lnRatio(2n * TWR_ONE, TWR_ONE);
    expect(gap).toBeGreaterThanOrEqual(0n);
    expect(gap).toBeLessThan(64n);
    expect(lnRatio(TWR_ONE, TWR_ONE)).toBe(0n);
  });

  it('two deposits of 1e-5 each on 1,000 TAO of root stake: the chain credits 2 × 0.01 = 0.02 TAO; ln gives 100 rao less', () => {
    // Each flush: Twr += floor(Twr × value / total) with value / total = 1e-5; the staker gets 1e12 × 1e-5.
    const t1 = TWR_ONE + TWR_ONE / 100_000n;
    const t2 = t1 + t1 / 100_000n;
    const book = new DividendBook([twr(100, TWR_ONE), twr(200, t2)], [cp(90, 1_000n * TAO, { hot: 'V', netuid: 0 })]);
    const credited = book.credited('C1', 'V', 100, 200)!;
    // s × ln((1 + r)²) = 1e12 × 2 × (1e-5 − 5e-11 + …) = 19,999,900.0007: s × Σ r² / 2 = 100 rao under 20,000,000.
    expect(credited).toBeGreaterThanOrEqual(19_999_899n);
    expect(credited).toBeLessThanOrEqual(19_999_900n);
  });

  it('across one block (one deposit) the series step itself: 1,000 TAO × 1e-5 = 10,000,000 rao, where ln gives 9,999,950', () => {
    const t1 = TWR_ONE + TWR_ONE / 100_000n;
    const cps = [cp(90, 1_000n * TAO, { hot: 'V', netuid: 0 })];
    // The step is floored (2^64 / 1e5 is not whole), so s × step / Twr sits 1e12 / 2^64 under 10,000,000:
    // never above the chain's credit, one rao under it only when that credit is a whole number of rao.
    expect(new DividendBook([twr(199, TWR_ONE), twr(200, t1)], cps).credited('C1', 'V', 199, 200)).toBe(9_999_999n);
    expect(new DividendBook([twr(198, TWR_ONE), twr(200, t1)], cps).credited('C1', 'V', 198, 200)).toBe(9_999_950n);
  });

  it('unknown (null) without both readings, when the stake moved inside the interval, or when the series restarted', () => {
    const cps = [cp(90, 1_000n * TAO, { hot: 'V', netuid: 0 }), cp(150, 2_000n * TAO, { hot: 'V', netuid: 0 })];
    const book = new DividendBook(
      [twr(100, TWR_ONE), twr(150, TWR_ONE + 1n), twr(200, 2n * TWR_ONE), twr(300, TWR_ONE)],
      cps,
    );
    expect(book.credited('C1', 'V', 100, 250)).toBeNull();
    expect(book.credited('C1', 'V', 100, 200)).toBeNull();
    expect(book.credited('C1', 'V', 200, 300)).toBeNull();
    expect(book.credited('C2', 'V', 150, 200)).toBeNull();
    // a change in the last block itself comes after that block's flush: 150 → 200 at 2,000 TAO
    expect(book.credited('C1', 'V', 150, 200)).toBe((2_000n * TAO * lnRatio(2n * TWR_ONE, TWR_ONE + 1n)) >> 64n);
  });
});
