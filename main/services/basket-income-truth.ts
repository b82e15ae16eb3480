// Test support for main/services/basket-truth.test.ts: explains, interval by interval, the difference
// between the fund income the engine books and what the devnet's truth credited (docs/chain/baskets.md#fund-income).
//
// The truth credits each deposit i as floor(value_i × s / T_i) (s the staker's root stake, T_i the
// validator's, value_i the deposit's realizable NAV gain: devnet/chain/basket.ts `flush`), and the 441
// grant at the α's spot value. The engine, between two snapshots with s unchanged, books
// floor(s × ln(Twr(t1) / Twr(t0))) = s × Σ ln(1 + r_i), r_i = value_i / T_i (across one block, the one
// deposit's s × r_i itself). So per interval:
//   engine = truth − Σ s × (r_i − ln(1 + r_i)) + [0, n) rao of the truth's per-deposit floors − [0, 1) of its own,
// the 441 grant is its shares' claim value at the upgrade block (≤ the spot value: the fee-free sale's
// slippage), and an interval without a deposit can only hold the one share each root-stake rebase's floor
// leaves (docs/chain/baskets.md#devnet, "Rounding"): a remove_stake whose remainder is dust-cleared
// rebases twice in one block (two StakeRemoved on root), so up to two shares.
import type { BasketRecord } from '../../shared/engine';
import type { Devnet } from '../../devnet/index';
import { fromSs58 } from '../../devnet/chain/accounts';

export interface TruthCredit {
  kind: string;
  block: number;
  coldkey?: string;
  hotkey?: string;
  tao?: string;
  netuid?: number;
}

export interface IncomeCheck {
  coldkey: string;
  hotkey: string;
  from: number;
  to: number;
  engine: bigint;
  truth: bigint;
  /** Why they differ, in rao (float: a prediction, not an amount booked). */
  predicted: number;
  /** Rounding the prediction cannot see: each side's floors, in rao. */
  slack: [number, number];
  why: 'deposits' | 'migration' | 'rebase';
}

/** One check per engine income record of (coldkey, hotkey): the truth credited in (previous record, record]. */
export function explainIncome(
  dn: Devnet,
  records: readonly BasketRecord[],
  credits: readonly TruthCredit[],
  coldkey: string,
  hotkey: string,
  /** Blocks of the coldkey's basket reads: a deposit between reads one block apart is valued exactly. */
  reads: ReadonlySet<number>,
  /** The truth's stake events: each root one of (coldkey, hotkey) rebases its watermark once. */
  stakeEvents: readonly TruthCredit[],
): IncomeCheck[] {
  const chain = dn.world.chain;
  const h = fromSs58(hotkey);
  const c = fromSs58(coldkey);
  const out: IncomeCheck[] = [];
  let from = -1;
  for (const r of records) {
    if (r.kind !== 'income' || r.coldkey !== coldkey || r.hotkey !== hotkey) continue;
    const mine = credits.filter(
      (e) => e.coldkey === coldkey && e.hotkey === hotkey && e.block > from && e.block <= r.blockNumber,
    );
    const truth = mine.reduce((s, e) => s + BigInt(e.tao ?? '0'), 0n);
    const base = { coldkey, hotkey, from, to: r.blockNumber, engine: r.tao, truth };
    if (mine.some((e) => e.kind === 'BasketMigration')) {
      // Exactly what a claim would have paid for the granted shares at the upgrade block.
      const payout = chain.basket.payout(h, c, r.blockNumber);
      out.push({ ...base, predicted: Number(payout - truth), slack: [0, 0], why: 'migration' });
    } else if (mine.length === 0) {
      // At most one share per rebase (root stake change) in the interval, each worth at most one share of
      // the fund's NAV.
      const rebases = stakeEvents.filter(
        (e) =>
          e.coldkey === coldkey &&
          e.hotkey === hotkey &&
          e.netuid === 0 &&
          (e.kind === 'StakeAdded' || e.kind === 'StakeRemoved') &&
          e.block > from &&
          e.block <= r.blockNumber,
      ).length;
      const p = chain.basket.shares(h, r.blockNumber);
      const perShare = p === 0n ? 0n : (chain.basket.nav(h, r.blockNumber) + p - 1n) / p;
      const bound = r.shares <= BigInt(Math.max(rebases, 1)) ? Number((r.shares > 1n ? r.shares : 1n) * perShare) : 0;
      out.push({ ...base, predicted: 0, slack: [0, bound], why: 'rebase' });
    } else {
      let gap = 0;
      for (const e of mine) {
        const t1 = chain.basket.twr(h, e.block);
        const t0 = chain.basket.twr(h, e.block - 1);
        const ri = Number(((t1 - t0) * 10n ** 18n) / t0) / 1e18;
        // s × (r − ln(1 + r)), with s × r = the credit; none where reads bracket the deposit's block alone
        const alone = reads.has(e.block - 1) && reads.has(e.block);
        if (ri > 0 && !alone) gap += Number(e.tao ?? '0') * (1 - Math.log1p(ri) / ri);
      }
      out.push({ ...base, predicted: -gap, slack: [-1.5, mine.length + 0.5], why: 'deposits' });
    }
    from = r.blockNumber;
  }
  return out;
}

/** engine − truth − predicted, which must lie within the slack. */
export const unexplained = (x: IncomeCheck): number => Number(x.engine - x.truth) - x.predicted;
