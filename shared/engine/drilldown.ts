/**
 * Drill-down: which ledger entries (and their source chain events), emission intervals and prices
 * produced a figure of a position. Costs nothing until asked: a scan of the ledger for the position's
 * legs, plus its emission records (by id).
 */
import type { LedgerEntry, LedgerLeg } from './ledger';
import { eventRef } from './ledger';
import type { EmissionRecord } from './emissions';
import type { PortfolioState } from './state';
import type { PriceBook, PriceRef } from './prices';
import type { AdditiveKey } from './pnl';

export type DrillFigure = AdditiveKey | 'exitValue' | 'avgEntryPrice';

export interface DrillItem {
  entrySeq: number;
  kind: LedgerEntry['kind'];
  blockNumber: number;
  /** Source chain event ids ("block-eventIndex" unless the store gave ids). */
  sources: string[];
  leg: LedgerLeg;
  /** Snapshot block of the spot price used for friction; null when none was used (none available, or root: 1:1). */
  spotBlock: number | null;
}

export interface DrillDown {
  positionKey: string;
  figure: DrillFigure;
  entries: DrillItem[];
  emissions: EmissionRecord[];
  /** Price the value figures used (latest snapshot at the as-of block). */
  price: PriceRef | null;
}

type LegTest = (l: LedgerLeg) => boolean;
// A leg of 0 α is read by its category, as the replay reads it (./state `applyLeg`).
const disposal: LegTest = (l) =>
  l.alpha < 0n || (l.alpha === 0n && (l.category === 'sold' || l.category === 'transferOut'));
const acquisition: LegTest = (l) => l.alpha >= 0n && !disposal(l);
const LEG_TESTS: Partial<Record<DrillFigure, LegTest>> = {
  alphaBought: (l) => l.category === 'bought',
  alphaSold: (l) => l.category === 'sold',
  alphaTransferredIn: (l) => l.category === 'transferIn',
  alphaTransferredOut: (l) => l.category === 'transferOut',
  alphaRootClaim: (l) => l.category === 'rootClaim',
  rootClaimTao: (l) => l.category === 'rootClaim',
  alphaLeaseDividend: (l) => l.category === 'leaseDividend',
  leaseDividendTao: (l) => l.category === 'leaseDividend',
  alphaIncentive: (l) => l.category === 'minerIncentive',
  incentiveTao: (l) => l.category === 'minerIncentive',
  alphaFeePaid: (l) => l.category === 'feePaid',
  alphaBurned: (l) => l.category === 'burned',
  alphaEmitted: () => false,
  emissionTao: () => false,
  alphaUnexplained: () => false,
  alphaUnexplainedIn: () => false,
  incomeTao: (l) => l.basis === 'income',
  realized: disposal,
  proceeds: (l) => disposal(l) && l.basis === 'trade',
  taoIn: (l) => acquisition(l) && (l.basis === 'trade' || l.basis === 'carry'),
  taoOut: (l) => disposal(l) && (l.basis === 'trade' || l.basis === 'carry'),
  costAcquired: (l) => acquisition(l) && (l.basis === 'trade' || l.basis === 'income'),
  costCarriedIn: (l) => l.basis === 'carry' && acquisition(l),
  costCarriedOut: (l) => l.basis === 'carry' && disposal(l),
  friction: (l) => l.spotTao !== null || l.basis === 'expense',
  feesTao: (l) => l.fee !== null && l.fee !== 0n && l.feeUnit === 'tao',
  feesAlpha: (l) => l.fee !== null && l.fee !== 0n && l.feeUnit === 'alpha',
};
/** Figures whose drill-down includes emission intervals. */
const WITH_EMISSIONS = new Set<DrillFigure>([
  'alpha',
  'alphaEmitted',
  'emissionTao',
  'incomeTao',
  'alphaUnexplained',
  'alphaUnexplainedIn',
  'costBasis',
  'unrealized',
  'realized',
  'costAcquired',
  'avgEntryPrice',
  'spotValue',
  'exitValue',
  'totalReturn',
]);

export function drillDown(
  state: PortfolioState,
  ledger: readonly LedgerEntry[],
  prices: PriceBook,
  positionKey: string,
  figure: DrillFigure,
): DrillDown | null {
  const p = state.positions.get(positionKey);
  if (!p) return null;
  const test = LEG_TESTS[figure] ?? (() => true);
  const entries: DrillItem[] = [];
  // A scan of the ledger (on demand; the replay does not keep per-position entry lists).
  for (const e of ledger) {
    for (const leg of e.legs) {
      if (leg.coldkey !== p.coldkey || leg.hotkey !== p.hotkey || leg.netuid !== p.netuid || !test(leg)) continue;
      entries.push({
        entrySeq: e.seq,
        kind: e.kind,
        blockNumber: e.blockNumber,
        sources: e.sources.map(eventRef),
        leg,
        spotBlock: leg.spotBlock,
      });
    }
  }
  const emissions = WITH_EMISSIONS.has(figure)
    ? p.emissions
        .map((id) => state.emissions[id])
        .filter((r): r is EmissionRecord => r !== undefined)
        .filter((r) =>
          figure === 'alphaUnexplained'
            ? r.kind === 'unexplained' && r.alpha < 0n
            : figure === 'alphaUnexplainedIn'
              ? r.kind === 'unexplained' && r.alpha > 0n
              : figure === 'alphaEmitted' || figure === 'emissionTao' || figure === 'incomeTao'
                ? r.kind === 'emission'
                : true,
        )
    : [];
  return { positionKey, figure, entries, emissions, price: prices.priceAt(p.netuid, state.lastBlock) };
}
