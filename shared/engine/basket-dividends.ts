/**
 * What a fund's dividends credited a root staker between two basket snapshots, from the chain's own
 * series (docs/chain/baskets.md#fund-income). Each flush adds `value` to the fund and credits a staker
 * `value × stake / total` (total = the validator's root stake then), and multiplies `BasketTwr` by
 * `1 + value / total`. So over an interval (t0, t1] in which the staker's root stake s did not change, the
 * credit is `s × Σ r_i` with `Π (1 + r_i) = Twr(t1) / Twr(t0)`. The sum is taken as `s × ln(Twr(t1) / Twr(t0))`:
 * below the sum by `s × Σ r_i² / 2` at most (the terms of the series), which is under a rao per
 * deposit while each deposit returns under 1e-4 of the fund.
 *
 * Across a single block there is one deposit, whose r is the series' step itself (see `credited`).
 *
 * Valued this way, new shares are income at the NAV of their deposits, as the chain credits them, rather
 * than at the NAV of the snapshot that first sees them. Where the readings are missing, the stake moved
 * inside the interval, or the series restarted, the caller values the shares at the snapshot.
 */
import type { PositionCheckpoint } from './emissions';
import type { BasketTwrPoint } from './analytics/fund-index';

/** Fixed point of the logarithm (64 fractional bits, as BasketTwr). */
const SCALE = 1n << 64n;

/** ln(x1 / x0) × 2^64, floored per term: 2·atanh(y), y = (x1 − x0) / (x1 + x0), for x1 ≥ x0 > 0. */
export function lnRatio(x1: bigint, x0: bigint): bigint {
  const y = ((x1 - x0) * SCALE) / (x1 + x0);
  const y2 = (y * y) / SCALE;
  let term = y;
  let sum = 0n;
  for (let k = 1n; term > 0n; k += 2n) {
    sum += term / k;
    term = (term * y2) / SCALE;
  }
  return 2n * sum;
}

const key = (a: string, b: string): string => `${a}|${b}`;

/** Readings by (hotkey, block) and root stake by (coldkey, hotkey) in block order. */
export class DividendBook {
  private readonly twr = new Map<string, bigint>();
  private readonly root = new Map<string, PositionCheckpoint[]>();

  constructor(readings: readonly BasketTwrPoint[], checkpoints: readonly PositionCheckpoint[]) {
    for (const r of readings) this.twr.set(`${r.hotkey}|${r.blockNumber}`, r.twr);
    for (const c of checkpoints) {
      if (c.netuid !== 0) continue;
      const k = key(c.coldkey, c.hotkey);
      const list = this.root.get(k);
      if (list) list.push(c);
      else this.root.set(k, [c]);
    }
    for (const list of this.root.values()) list.sort((a, b) => a.blockNumber - b.blockNumber);
  }

  /** Root α of (coldkey, hotkey) after `block`: its last checkpoint at or before it (null: none). */
  private rootAt(coldkey: string, hotkey: string, block: number): bigint | null {
    const list = this.root.get(key(coldkey, hotkey));
    if (!list) return null;
    let lo = 0;
    let hi = list.length - 1;
    let found: PositionCheckpoint | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = list[mid] as PositionCheckpoint;
      if (c.blockNumber <= block) {
        found = c;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found ? found.alpha : null;
  }

  /** TAO the fund's dividends credited (coldkey, hotkey) in (from, to], or null when it cannot be known. */
  credited(coldkey: string, hotkey: string, from: number, to: number): bigint | null {
    const x0 = this.twr.get(`${hotkey}|${from}`);
    const x1 = this.twr.get(`${hotkey}|${to}`);
    if (x0 === undefined || x1 === undefined || x0 <= 0n || x1 <= x0) return null;
    const stake = this.rootAt(coldkey, hotkey, from);
    // A stake change flushes the fund first, so a change in block `to` itself is after its deposits.
    if (stake === null || stake <= 0n || this.rootAt(coldkey, hotkey, to - 1) !== stake) return null;
    // Across one block the fund deposits once (the drain's visit or a touch's flush; a later touch in the
    // block finds the queue just emptied), so the return is that deposit's own r = Twr(t1) / Twr(t0) − 1,
    // and s × r is the chain's credit up to its floor. Inferred: were there two, this is over by s·r1·r2.
    if (to - from === 1) return (stake * (x1 - x0)) / x0;
    return (stake * lnRatio(x1, x0)) / SCALE;
  }
}
