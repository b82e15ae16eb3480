/**
 * The state of the basket positions while they replay (./baskets): one account per (coldkey, validator
 * hotkey), the records, and the moves every event or snapshot is made of (acquire dividends, carry a
 * position to its new keys, let it leave the tracked wallets). docs/chain/baskets.md#claims says what each
 * means; ./basket-events and ./basket-snapshots apply the inputs with them.
 */
import type { BasketIncomeTiming, RewardTreatment } from '../vocab';
import type { DividendBook } from './basket-dividends';
import type { FiatBook } from './fiat';
import { addFiat, fiatPart, subFiat, type FiatCost } from './lot-base';
import {
  BASKET_FIGURE_KEYS,
  emptyBasketFigures,
  type BasketFigures,
  type BasketPositionResult,
  type BasketFiat,
  type RecordFiat,
  type BasketRecord,
  type BasketSample,
} from './basket-types';

/** One basket position as it replays. */
export class BasketAcc {
  shares = 0n;
  value = 0n;
  basis = 0n;
  deferred = 0n;
  /** Claim timing: shares accrued since the last claim (their income comes with it). */
  deferredShares = 0n;
  /** Forfeited TAO estimate of a dust event waiting for its BasketClaimed. */
  pendingDust = 0n;
  seenAt = -1; // block of the last snapshot of its coldkey, and (movedAt) of its last claim or carry (−1: none)
  movedAt = -1;
  readonly f = emptyBasketFigures();
  /** Fiat figures (./basket-types `BasketFiat`); kept only with TAO/fiat prices. */
  fiat: BasketFiat = { costBasis: 0n, realized: 0n, income: 0n, incomplete: false };
  constructor(
    readonly coldkey: string,
    readonly hotkey: string,
  ) {}
}

/** Where a record happened: its block, time and source (event id, or null for a snapshot). */
export type RecordBase = Pick<BasketRecord, 'blockNumber' | 'timestamp' | 'source'>;

/** floor(whole × part / total), 0 when total is 0. */
export const share = (whole: bigint, part: bigint, total: bigint): bigint =>
  total === 0n ? 0n : (whole * part) / total;

export interface BasketBookOptions {
  timing: BasketIncomeTiming;
  /** Zero basis: fund dividends carry no cost basis (income is a memo inside realized/unrealized). */
  rewards?: RewardTreatment;
  /** Values new shares at their deposits' NAV where the chain's BasketTwr allows (./basket-dividends). */
  dividends?: DividendBook;
  /** TAO/fiat prices: the positions then keep lot-based fiat figures (./basket-types `BasketFiat`). */
  fiat?: FiatBook | null;
}

export class BasketBook {
  readonly accs = new Map<string, BasketAcc>();
  readonly records: BasketRecord[] = [];
  /** Block of each coldkey's last snapshot: a fund absent from it was owed nothing there. */
  readonly lastRead = new Map<string, number>();
  /** Coldkeys whose next snapshot's new shares arrived from an untracked coldkey (a coldkey swap). */
  readonly arriving = new Set<string>();
  /** Coldkey swaps between tracked wallets: old → new. */
  readonly swapped = new Map<string, string>();
  /** Zero-basis rewards: new shares carry no basis. */
  readonly zero: boolean;

  constructor(private readonly opts: BasketBookOptions) {
    this.zero = opts.rewards === 'zero';
  }

  acc(coldkey: string, hotkey: string): BasketAcc {
    const k = `${coldkey}|${hotkey}`;
    let a = this.accs.get(k);
    if (!a) {
      this.accs.set(k, (a = new BasketAcc(coldkey, hotkey)));
      // Its first shares then accrued since that snapshot, so BasketTwr can value them too.
      a.seenAt = this.lastRead.get(coldkey) ?? -1;
    }
    return a;
  }

  record(a: BasketAcc, r: Omit<BasketRecord, 'coldkey' | 'hotkey' | 'position'>): void {
    this.records.push({ coldkey: a.coldkey, hotkey: a.hotkey, position: `${a.coldkey}|${a.hotkey}`, ...r });
    if (r.income === 0n) return;
    const v = this.fiatOf(r.income, r.timestamp);
    if (v === null) a.fiat.incomplete = true;
    else a.fiat.income += v;
  }

  /** Fiat value of `tao` on the UTC day of `ts` (null: no price that day, listed); 0 without fiat prices. */
  private fiatOf(tao: bigint, ts: number): FiatCost {
    return this.opts.fiat && tao !== 0n ? this.opts.fiat.value(tao, ts) : 0n;
  }

  /** `tao` of basis added to `a` at `ts`: its fiat cost is that TAO on that day. */
  addCost(a: BasketAcc, tao: bigint, ts: number): void {
    a.fiat.costBasis = addFiat(a.fiat.costBasis, this.fiatOf(tao, ts));
  }

  /**
   * `gone` of the `held` shares leave at `ts` for `proceeds` TAO: they take floor(fiat cost × gone / held)
   * (all of it when all go) and realize the proceeds' fiat value minus that; unknown either way, nothing.
   * Returns the record's lot-based figures (null without fiat prices).
   */
  removeCost(a: BasketAcc, gone: bigint, held: bigint, proceeds: bigint, ts: number): RecordFiat | null {
    const fiat = a.fiat;
    const removed = gone >= held ? fiat.costBasis : fiatPart(fiat.costBasis, gone, held);
    const got = this.fiatOf(proceeds, ts);
    const realized = removed === null || got === null ? null : got - removed;
    if (realized === null) fiat.incomplete = true;
    else fiat.realized += realized;
    fiat.costBasis = gone >= held ? 0n : subFiat(fiat.costBasis, removed);
    return this.opts.fiat ? { basis: removed, realized } : null;
  }

  /**
   * Moves a position to another (coldkey, hotkey): a rename, no gain or loss. Its history goes with it (TAO
   * in/out, income, realized, the counts and its records), as a hotkey swap keeps a subnet position's
   * history under the new hotkey, so per position realized + unrealized + income = total return across it.
   */
  carry(from: BasketAcc, coldkey: string, hotkey: string): void {
    if (from.coldkey === coldkey && from.hotkey === hotkey) return;
    const to = this.acc(coldkey, hotkey);
    to.shares += from.shares;
    to.value += from.value;
    to.basis += from.basis;
    to.deferred += from.deferred;
    to.deferredShares += from.deferredShares;
    to.pendingDust += from.pendingDust;
    from.shares = from.value = from.basis = from.deferred = from.deferredShares = from.pendingDust = 0n;
    for (const k of BASKET_FIGURE_KEYS) {
      to.f[k] += from.f[k];
      from.f[k] = 0n;
    }
    to.f.claims += from.f.claims;
    from.f.claims = 0;
    const [tf, ff] = [to.fiat, from.fiat];
    to.fiat = {
      costBasis: addFiat(tf.costBasis, ff.costBasis),
      realized: tf.realized + ff.realized,
      income: tf.income + ff.income,
      incomplete: tf.incomplete || ff.incomplete,
    };
    from.fiat = { costBasis: 0n, realized: 0n, income: 0n, incomplete: false };
    const [was, now] = [`${from.coldkey}|${from.hotkey}`, `${coldkey}|${hotkey}`];
    for (const r of this.records) if (r.position === was) r.position = now;
    to.seenAt = -1;
  }

  /** Shares leave the tracked wallets at their value (a coldkey swap to a coldkey not tracked). */
  transferOut(a: BasketAcc, base: RecordBase): void {
    const realized = a.value - a.basis;
    const fiat = this.removeCost(a, a.shares, a.shares, a.value, base.timestamp);
    a.f.taoOut += a.value;
    a.f.realized += realized;
    this.record(a, {
      ...base,
      kind: 'transfer-out',
      tao: a.value,
      shares: -a.shares,
      basis: a.basis,
      realized,
      income: 0n,
      ...(fiat && { fiat }),
    });
    a.shares = a.value = a.basis = a.deferred = a.deferredShares = 0n;
  }

  /** What the fund's deposits credited `a` since its last read, where BasketTwr says (./basket-dividends). */
  credited(a: BasketAcc, block: number): bigint | null {
    return a.seenAt >= 0 && a.movedAt <= a.seenAt && a.seenAt < block
      ? (this.opts.dividends?.credited(a.coldkey, a.hotkey, a.seenAt, block) ?? null)
      : null;
  }

  /** New shares worth `worth`: income now (accrual) or with the next claim. */
  accrue(a: BasketAcc, base: RecordBase, worth: bigint, n: bigint): void {
    a.f.sharesAccrued += n;
    if (this.opts.timing === 'accrual') {
      if (!this.zero) {
        a.basis += worth;
        this.addCost(a, worth, base.timestamp);
      }
      a.f.income += worth;
      this.record(a, { ...base, kind: 'income', tao: worth, shares: n, basis: 0n, realized: 0n, income: worth });
    } else {
      a.deferred += worth;
      a.deferredShares += n;
    }
  }

  /** The cumulative totals of every position now (a series point). */
  sample(): BasketSample {
    const t: BasketSample = { value: 0n, costBasis: 0n, realized: 0n, income: 0n, taoIn: 0n, taoOut: 0n };
    for (const a of this.accs.values()) {
      t.value += a.value;
      t.costBasis += a.basis;
      t.realized += a.f.realized;
      t.income += a.f.income;
      t.taoIn += a.f.taoIn;
      t.taoOut += a.f.taoOut;
    }
    return t;
  }

  /** Each position's figures (by key) and their total; finishes the figures, so call it once, at the end. */
  positions(): { positions: BasketPositionResult[]; total: BasketFigures } {
    const total = emptyBasketFigures();
    const positions: BasketPositionResult[] = [];
    for (const [key, a] of [...this.accs.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
      const f = a.f;
      f.shares = a.shares;
      f.value = a.value;
      f.costBasis = a.basis;
      f.deferredIncome = a.deferred;
      f.unrealized = a.value - a.basis;
      f.totalReturn = a.value + f.taoOut - f.taoIn;
      const p: BasketPositionResult = { key, coldkey: a.coldkey, hotkey: a.hotkey, figures: f };
      if (this.opts.fiat) p.fiat = a.fiat;
      positions.push(p);
      for (const k of BASKET_FIGURE_KEYS) total[k] += f[k];
      total.claims += f.claims;
    }
    return { positions, total };
  }
}
