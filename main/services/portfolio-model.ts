// Loads the stored facts of the watched wallets, runs the pure accounting engine and shapes the
// result for the UI (./portfolio-cache keeps the computations and continues them as sync appends).
import {
  eventRef,
  type BenchmarkSet,
  type Engine,
  type EngineSettings,
  type FiatPriceRow,
  type AggregateResult,
  type PnlResult,
  type PortfolioInput,
  type Series,
} from '../../shared/engine';
import { computeWithAnalytics, type AnalyticsComputation } from '../../shared/engine/analytics/compute';
import type { PositionObserver } from '../../shared/engine/analytics/friction';
import type { CostBasisMethod, RewardTreatment, Settings, Wallet } from '../../shared/api';
import type {
  BasketsView,
  GroupView,
  LedgerEntryView,
  PortfolioView,
  PositionView,
  SeriesPointView,
  SubnetView,
  WalletView,
} from '../../shared/views';
import { fiatPricesRepo } from '../db/repos/fiat-prices';
import { headFactsRepo, type HeadFacts } from '../db/repos/head-facts';
import { ledgerFactsRepo } from '../db/repos/ledger-facts';
import { SubnetLabelBook, rowDissolution, rowLabel } from '../../shared/subnet-labels';
import { aggregateKey, unexplainedChanges, valueAtHead } from './head-valuation';
import type { DB } from '../db/open';

export interface PortfolioQuery {
  method: CostBasisMethod;
  rewards: RewardTreatment;
  asOfBlock?: number;
}

export interface ComputedPortfolio {
  view: PortfolioView;
  engine: Engine;
  /** The engine run behind it, kept so newly recorded facts can be folded in (`append`). */
  run: AnalyticsComputation;
  /** The engine's result with exit values from the head facts (what the view and the PnL report show). */
  pnl: PnlResult;
  benchmarks: BenchmarkSet;
  /** Daily series sampled in the engine's replay (null without data). */
  series: Series | null;
  observer: PositionObserver;
  fiatPrices: readonly FiatPriceRow[];
  /** Runtime spec for exit quotes when a snapshot does not say (the head's, else the last event's). */
  specVersion: number;
}

export function loadPortfolioInput(db: DB, wallets: readonly Wallet[], fiatCurrency: string): PortfolioInput {
  const facts = ledgerFactsRepo(db);
  const coldkeys = wallets.map((w) => w.address);
  const head = facts.head();
  return {
    events: facts.events(coldkeys),
    checkpoints: facts.checkpoints(coldkeys),
    snapshots: facts.snapshots(),
    rootClaims: facts.rootClaims(coldkeys),
    effects: facts.effects(coldkeys),
    basketTwr: facts.basketTwr(coldkeys),
    baskets: facts.baskets(coldkeys),
    fiatPrices: fiatPricesRepo(db).list(fiatCurrency),
    trackedColdkeys: coldkeys,
    historyStarts: facts.historyStarts(coldkeys),
    ...(head ? { currentSpecVersion: head.specVersion } : {}),
  };
}

export function walletGroups(wallets: readonly Wallet[]): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const w of wallets) if (w.group) (groups[w.group] ??= []).push(w.address);
  return groups;
}

export function engineSettingsOf(
  wallets: readonly Wallet[],
  query: PortfolioQuery,
  settings?: Pick<Settings, 'basketIncome'>,
): EngineSettings {
  return {
    method: query.method,
    rewards: query.rewards,
    ...(settings ? { basketIncome: settings.basketIncome } : {}),
    walletGroups: walletGroups(wallets),
    ...(query.asOfBlock === undefined ? {} : { asOfBlock: query.asOfBlock }),
  };
}

export function computePortfolioView(
  db: DB,
  wallets: readonly Wallet[],
  settings: Settings,
  query: PortfolioQuery,
): ComputedPortfolio {
  const input = loadPortfolioInput(db, wallets, settings.fiatCurrency);
  const run = computeWithAnalytics(input, engineSettingsOf(wallets, query, settings));
  const hasData = input.events.length > 0 || input.checkpoints.length > 0;
  const specVersion = input.currentSpecVersion ?? input.events.at(-1)?.specVersion ?? 297;
  return shapePortfolio(db, wallets, settings, query, run, {
    hasData,
    specVersion,
    fiatPrices: input.fiatPrices ?? [],
  });
}

/** The UI's view of an engine run (also after the run folded newly recorded facts in). */
export function shapePortfolio(
  db: DB,
  wallets: readonly Wallet[],
  settings: Settings,
  query: PortfolioQuery,
  run: AnalyticsComputation,
  facts: { hasData: boolean; specVersion: number; fiatPrices: readonly FiatPriceRow[] },
): ComputedPortfolio {
  const { engine, benchmarks, series, observer } = run;
  const { hasData, specVersion } = facts;
  const heads = new Map<string, HeadFacts>();
  const headFacts = headFactsRepo(db);
  for (const w of wallets) {
    const h = headFacts.latest(w.address);
    if (h) heads.set(w.address, h);
  }
  const valued = valueAtHead(engine.result(), engine, heads, specVersion);
  const pnl = valued.pnl;
  const noHolding = (exitValue: bigint) => ({
    block: null,
    locked: 0n,
    available: 0n,
    lockedValue: 0n,
    exitValue,
    exitSource: 'closed-form' as const,
    locksRead: false,
  });
  const holdingOf = (a: AggregateResult) => valued.aggregates.get(aggregateKey(a)) ?? noHolding(a.figures.exitValue);
  const ledger = ledgerFactsRepo(db);
  const labels = new SubnetLabelBook(ledger.subnetLabels());
  const byAddress = new Map(wallets.map((w) => [w.address, w]));

  const lastChange = lastChangeBlocks(engine);
  const dissolutions = ledger.dissolutions(wallets.map((w) => w.address));
  // Whether the subnet a row's α was last in still trades at its netuid as of the view's block: a row
  // (a subnet's, or one position's by its own last change) is told as Subnets tells it.
  const lifetimeOf = (netuid: number, lastActivity: number | null) => {
    const label = rowLabel(labels, netuid, lastActivity, pnl.asOfBlock);
    const dissolved = rowDissolution(labels, dissolutions, netuid, pnl.asOfBlock, {
      lastActivity,
      lastSnapshot: engine.prices.snapshotAt(netuid, pnl.asOfBlock)?.blockNumber ?? null,
    });
    return { label, dissolved, traded: label.successor === null && dissolved === null };
  };

  const positions: PositionView[] = pnl.positions.map((p) => {
    const { label, dissolved, traded } = lifetimeOf(p.netuid, engine.state.positions.get(p.key)?.lastLegBlock ?? null);
    return {
      key: p.key,
      coldkey: p.coldkey,
      walletLabel: byAddress.get(p.coldkey)?.label ?? null,
      hotkey: p.hotkey,
      netuid: p.netuid,
      // The last price of a dissolved subnet is not a price now; at a netuid registered again the price
      // is the newcomer's, not this position's subnet's. The figures (valued at payout) stay.
      price: traded ? (p.price?.price ?? null) : null,
      priceBlock: traded ? (p.price?.blockNumber ?? null) : null,
      successor: label.successor,
      dissolved,
      figures: p.figures,
      benchmarks: benchmarks.positions.get(p.key) ?? null,
      holding: valued.positions.get(p.key) ?? noHolding(p.figures.exitValue),
    };
  });
  const priceOf = new Map(pnl.positions.map((p) => [p.netuid, p.price?.price ?? null]));
  const subnets: SubnetView[] = pnl.subnets.map((s) => {
    const netuid = Number(s.key.replace(/^SN/, ''));
    const { label, dissolved, traded } = lifetimeOf(netuid, lastChange.get(netuid) ?? null);
    return {
      netuid,
      ...label,
      dissolved,
      // A dissolved subnet has no price; at a netuid registered again the price is the newcomer's.
      price: traded ? (priceOf.get(netuid) ?? null) : null,
      figures: s.figures,
      benchmarks: benchmarks.subnets.get(netuid) ?? null,
      holding: holdingOf(s),
      positionKeys: s.positions,
    };
  });
  const walletViews: WalletView[] = pnl.wallets.map((w) => ({
    address: w.key,
    label: byAddress.get(w.key)?.label ?? null,
    group: byAddress.get(w.key)?.group ?? null,
    figures: w.figures,
    holding: holdingOf(w),
  }));
  const groups: GroupView[] = pnl.groups.map((g) => ({ name: g.key, figures: g.figures, holding: holdingOf(g) }));
  const daily: SeriesPointView[] = (series?.daily ?? []).map((p) => ({
    t: p.t,
    day: p.day,
    blockNumber: p.blockNumber,
    value: p.value,
    costBasis: p.costBasis,
    realizedCum: p.realizedCum,
    unrealized: p.unrealized,
    incomeCum: p.incomeCum,
    incomeInPeriod: p.incomeInPeriod,
    netInvested: p.netInvested,
    benchmarks: p.benchmarks,
    valueBySubnet: Object.fromEntries([...p.bySubnet].map(([n, s]) => [n, s.value])),
  }));

  return {
    engine,
    run,
    benchmarks,
    series,
    observer,
    fiatPrices: facts.fiatPrices,
    pnl,
    specVersion,
    view: {
      hasData,
      asOfBlock: pnl.asOfBlock,
      asOfTimestamp: pnl.asOfTimestamp,
      method: query.method,
      rewards: query.rewards,
      fiatCurrency: settings.fiatCurrency,
      total: {
        figures: pnl.total.figures,
        benchmarks: benchmarks.total,
        holding: holdingOf(pnl.total),
      },
      subnets,
      wallets: walletViews,
      groups,
      positions,
      daily,
      unexplained: unexplainedChanges(engine.state.emissions, (c) => byAddress.get(c)?.label ?? null),
      fiatMissingDays: pnl.fiatMissingDays,
      baskets: basketsView(engine, settings, (c) => byAddress.get(c)?.label ?? null),
    },
  };
}

/** Per netuid, the last block a change of the watched wallets' positions there was in (trades, income, payouts). */
function lastChangeBlocks(engine: Engine): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of engine.state.positions.values())
    if (p.lastLegBlock > (out.get(p.netuid) ?? -1)) out.set(p.netuid, p.lastLegBlock);
  return out;
}

/** The engine's basket positions for the view (shares of validator funds, docs/chain/baskets.md). */
function basketsView(engine: Engine, settings: Settings, labelOf: (coldkey: string) => string | null): BasketsView {
  const b = engine.baskets();
  return {
    timing: settings.basketIncome,
    positions: b.positions.map((p) => ({
      ...p,
      walletLabel: labelOf(p.coldkey),
      records: b.records.filter((r) => r.position === p.key),
    })),
    total: b.total,
  };
}

/** The ledger entries with a leg on the given position: the engine's drill-down of its α. */
export function entriesForPosition(engine: Engine, positionKey: string): LedgerEntryView[] {
  const drill = engine.drillDown(positionKey, 'alpha');
  if (!drill) return [];
  const ledger = engine.ledger();
  const seqs = [...new Set(drill.entries.map((d) => d.entrySeq))];
  return seqs
    .map((seq) => ledger[seq])
    .filter((e): e is NonNullable<typeof e> => e !== undefined)
    .map((e) => ({
      seq: e.seq,
      kind: e.kind,
      blockNumber: e.blockNumber,
      timestamp: e.timestamp,
      specVersion: e.specVersion,
      extrinsicIndex: e.extrinsicIndex,
      legs: e.legs.map((l) => ({ ...l })),
      sources: e.sources.map(eventRef),
      flags: [...e.flags],
    }));
}
