/**
 * Accounting engine entry points.
 * - computePortfolio(input, settings): one full computation (ledger, emissions, lots, PnL, benchmarks,
 *   optional series) as of a block. Raw events are normalised and replayed in one streaming pass; the
 *   ledger array is only built when asked for (`ledger`, exports, drill-down), which keeps a 1M-event
 *   computation well inside its time and memory budget.
 * - createEngine(input, settings): the same computation kept as an object that answers the on-demand questions
 *   (ledger, benchmarks, series, drill-down) without recomputing. `append(facts)` continues its fold with facts
 *   recorded after everything it has folded (live sync following the chain): the same replay, fed the new blocks,
 *   gives exactly a full computation's figures. Anything else (a fact before a folded block, as-of) needs a new engine.
 */
import type { LedgerEntry, PositionEffect, StakeEvent } from './ledger';
import { normalizeEvents, scanEvents, type EventsScan } from './normalize';
import { PriceBook } from './prices';
import { FiatBook } from './fiat';
import { bookKey, PortfolioState } from './state';
import type { PnlContext, PnlResult } from './pnl';
import { PnlTracker } from './aggregates';
import { replayRaw, type ReplayItem } from './replay';
import type { BenchmarkSet } from './benchmarks';
import { benchmarkKeep, computeBenchmarks, noteTouched } from './benchmark-set';
import { buildSeries, seriesRecorder, type Series, type SeriesOptions, type SeriesRecorder } from './timeseries';
import { drillDown, type DrillDown, type DrillFigure } from './drilldown';
import { BASKET_EVENT_KINDS, computeBaskets, type BasketResult, type BasketSnapshot } from './baskets';
import { FundBook } from './analytics/fund-index';
import { basketFlows, withBasketSeries, withBasketTotals } from './basket-totals';
import { withBasketBenchmarks } from './basket-benchmarks';
import { DividendBook } from './basket-dividends';
import { basketMoments, MomentFeed } from './basket-days';
import {
  DEFAULT_SETTINGS,
  type EngineSettings,
  type FactsDelta,
  type PortfolioInput,
  type PortfolioResult,
} from './engine-types';

export * from './units';
export * from './runtime';
export * from './ledger';
export * from './normalize';
export * from './effects';
export * from './prices';
export * from './emissions';
export * from './reconcile';
export * from './lots';
export * from './state';
export * from './pnl';
export * from './aggregates';
export * from './benchmarks';
export * from './benchmark-set';
export * from './timeseries';
export * from './fiat';
export * from './exports';
export * from './tax-rows';
export * from './drilldown';
export * from './baskets';
export * from './basket-record-fiat';
export * from './analytics/fund-index';
export * from './basket-totals';
export * from './basket-benchmarks';

export * from './engine-types';

export interface Engine {
  readonly state: PortfolioState;
  /** The latest block of any fact folded (events, checkpoints, snapshots, root claims, effects); -1 when none. */
  foldedBlock(): number;
  /**
   * The incremental path: fold facts that all lie after `foldedBlock()` into the kept state and
   * refresh the figures they change. Returns false, changing nothing, when it cannot (a fact at or
   * before a folded block, or an engine computed as of a block): the caller then computes anew.
   */
  append(delta: FactsDelta): boolean;
  readonly prices: PriceBook;
  result(): PnlResult;
  /** Number of ledger entries (without materialising the ledger). */
  ledgerSize(): number;
  benchmarks(): BenchmarkSet;
  series(opts: SeriesOptions): Series;
  ledger(): readonly LedgerEntry[];
  /** Which entries, emissions and prices produced a figure of a position. */
  drillDown(positionKey: string, figure: DrillFigure): DrillDown | null;
  /** Series sampled during the initial replay (computePortfolio), if one was requested. */
  initialSeries(): Series | null;
  /** Basket positions (shares of validator funds, ./baskets) with their figures and records. */
  baskets(): BasketResult;
  /** The basket events it read (the sources of the basket records: Activity and the events CSV show them). */
  basketEvents(): readonly StakeEvent[];
  /** An unfiltered series with the basket positions' totals added to every point (./basket-totals). */
  withBaskets(series: Series): Series;
}

export function createEngine(
  input: PortfolioInput,
  settings: EngineSettings = DEFAULT_SETTINGS,
  internal?: {
    onReplay?: (state: PortfolioState) => Pick<SeriesRecorder, 'before' | 'after'> & Partial<SeriesRecorder>;
  },
): Engine {
  const asOf = settings.asOfBlock ?? Number.MAX_SAFE_INTEGER;
  const tracked = new Set(input.trackedColdkeys);
  let firstSeries: Series | null = null;
  const upTo = <T extends { blockNumber: number }>(xs: readonly T[]): readonly T[] =>
    settings.asOfBlock === undefined ? xs : xs.filter((x) => x.blockNumber <= asOf);
  const prices = new PriceBook(upTo(input.snapshots));
  const fiat = input.fiatPrices && input.fiatPrices.length > 0 ? new FiatBook(input.fiatPrices) : null;
  const events = upTo(input.events);
  const claims = upTo(input.rootClaims ?? []);
  const effects = upTo(input.effects ?? []);
  const normalize = { trackedColdkeys: tracked, rootClaims: claims, effects, prices };
  let lastSpec = 297;
  let lastSpecBlock = -1;
  const noteSpecs = (scan: EventsScan): void => {
    if (scan.lastSpec !== null && scan.lastBlock >= lastSpecBlock) {
      lastSpecBlock = scan.lastBlock;
      lastSpec = scan.lastSpec;
    }
  };
  // One pass over the events for their order, latest block and runtime (the replay trusts the order).
  const scan = scanEvents(events, BASKET_EVENT_KINDS);
  noteSpecs(scan);
  let currentSpec = input.currentSpecVersion;
  const ctx: PnlContext = {
    prices,
    fiat,
    specVersion: input.currentSpecVersion ?? lastSpec,
    walletGroups: settings.walletGroups ?? {},
  };
  const checkpoints = upTo(input.checkpoints);
  const twrReadings = upTo(input.basketTwr ?? []);
  const funds = new FundBook(tracked);
  funds.add(twrReadings, checkpoints, upTo(input.baskets ?? []));
  const stateOpts = {
    method: settings.method,
    rewards: settings.rewards,
    prices,
    fiat,
    trackedColdkeys: tracked,
    funds,
    ...(input.historyStarts ? { historyStarts: input.historyStarts } : {}),
  };
  const kept = {
    events: [events],
    /** The basket events among them (all ./baskets reads of the events). */
    basketEvents: [scan.picked],
    checkpoints: [checkpoints],
    claims: [claims],
    effects: [effects],
    baskets: [upTo(input.baskets ?? [])],
    twr: [twrReadings],
  };
  let basketCache: BasketResult | null = null;
  /**
   * Whether any basket event or basket snapshot was read: only they open basket positions, so without
   * them the (empty) basket result holds whatever else an append brings.
   */
  let basketInputs = scan.picked.length > 0 || (kept.baskets[0] ?? []).length > 0;
  const basketRun = (sampleBlocks: readonly number[] = []): BasketResult =>
    computeBaskets(whole(kept.basketEvents), whole(kept.baskets), {
      timing: settings.basketIncome ?? 'accrual',
      rewards: settings.rewards,
      trackedColdkeys: tracked,
      asOfBlock: asOf,
      effects: whole(kept.effects),
      dividends: new DividendBook(whole(kept.twr), whole(kept.checkpoints)),
      fiat,
      sampleBlocks,
    });
  /** A kept input whole (appended chunks joined once, then kept joined). */
  const whole = <T>(chunks: (readonly T[])[]): readonly T[] => {
    if (chunks.length > 1) chunks.splice(0, chunks.length, chunks.flat());
    return chunks[0] ?? [];
  };
  const state = new PortfolioState(stateOpts);
  const recorder = internal?.onReplay?.(state);
  // Days with basket activity only still close in the series (./basket-days).
  const momentsOf = (
    basketEvents: readonly StakeEvent[],
    baskets: readonly BasketSnapshot[],
    fx: readonly PositionEffect[],
  ) => basketMoments(basketEvents, baskets, { trackedColdkeys: tracked, asOfBlock: asOf, effects: fx });
  const feed = recorder
    ? new MomentFeed(recorder.before).add(momentsOf(scan.picked, kept.baskets[0] ?? [], effects))
    : null;
  // Normalise and replay in one pass; the ledger itself is only materialised on demand (ledger()).
  const replayOpts = { ...normalize, sorted: scan.sorted };
  let ledgerCount = replayRaw(state, events, replayOpts, checkpoints, asOf, feed?.before, recorder?.after);
  feed?.upTo(asOf);
  let ledgerCache: LedgerEntry[] | null = null;
  // "Now" is the latest block any input knows about (a price snapshot after the last event still moves values).
  for (const s of upTo(input.snapshots)) state.noteBlock(s.blockNumber, s.timestamp);
  const lastOf = (xs: readonly { blockNumber: number }[]): number =>
    xs.reduce((m, x) => Math.max(m, x.blockNumber), -1);
  // Every fact counts, also those that give no entry (another coldkey's side of a transfer pairs by block).
  let folded = Math.max(
    scan.lastBlock,
    ...[checkpoints, upTo(input.snapshots), claims, effects, twrReadings, whole(kept.baskets)].map(lastOf),
  );
  if (settings.asOfBlock !== undefined) state.lastBlock = Math.max(state.lastBlock, settings.asOfBlock);
  // The series ends with a point at that "now", so its last point is the figures' computation (finished
  // on first use, with the cards' benchmark units: basket flows included).
  const tracker = new PnlTracker(state, ctx);
  tracker.refresh();
  // The benchmark set's units of closed flow windows and figures, kept for the next computation of this replay.
  const benchKept = benchmarkKeep();
  const ledger = (): LedgerEntry[] => {
    ledgerCache ??= normalizeEvents(whole(kept.events), {
      ...normalize,
      rootClaims: whole(kept.claims),
      effects: whole(kept.effects),
    });
    return ledgerCache;
  };

  const append = (delta: FactsDelta): boolean => {
    if (settings.asOfBlock !== undefined) return false;
    const dated = [delta.events, delta.checkpoints, delta.snapshots, delta.rootClaims ?? [], delta.effects ?? []];
    const parts = [...dated, delta.basketTwr ?? [], delta.baskets ?? []];
    if (parts.some((xs) => xs.some((x) => x.blockNumber <= folded))) return false;
    // Fiat figures are valued on the as-of day and note the days without a price: a new day is a new computation.
    const day = (ts: number): number => Math.floor(ts / 86_400_000);
    const lastTs = dated.reduce((m, xs) => xs.reduce((n, x) => Math.max(n, x.timestamp), m), state.lastTimestamp);
    if (fiat && day(lastTs) !== day(state.lastTimestamp)) return false;
    // Prices first: the new events' spot values read the snapshots of their own blocks.
    for (const s of delta.snapshots) {
      prices.add(s);
      state.noteLaterSnapshot(s.blockNumber);
    }
    funds.add(delta.basketTwr ?? [], delta.checkpoints, delta.baskets ?? []);
    const books = new Set<string>();
    const noteBooks = (item: ReplayItem): void => {
      if (item.kind === 'checkpoint') books.add(bookKey(item.checkpoint.coldkey, item.checkpoint.netuid));
      else for (const leg of item.entry.legs) books.add(bookKey(leg.coldkey, leg.netuid));
      recorder?.after(item);
    };
    const deltaScan = scanEvents(delta.events, BASKET_EVENT_KINDS);
    const opts = {
      ...normalize,
      rootClaims: delta.rootClaims ?? [],
      effects: delta.effects ?? [],
      sorted: deltaScan.sorted,
    };
    feed?.add(momentsOf(deltaScan.picked, delta.baskets ?? [], delta.effects ?? []));
    // Without a recorder nothing reads the entries of lone trades: they take the full replay's path (no
    // entry built; the code V8 has already optimised for it) and name their book by their event.
    const onTrade = recorder
      ? undefined
      : (src: StakeEvent): void => void books.add(bookKey(src.coldkey, src.netuid as number));
    // A carry's owed α booked now lands in a book the facts may not name (./lots Forward).
    state.onForward = (p): void => void books.add(bookKey(p.coldkey, p.netuid));
    ledgerCount += replayRaw(
      state,
      delta.events,
      opts,
      delta.checkpoints,
      asOf,
      feed?.before,
      noteBooks,
      ledgerCount,
      onTrade,
    );
    state.onForward = null;
    feed?.upTo(asOf);
    for (const s of delta.snapshots) state.noteBlock(s.blockNumber, s.timestamp);
    // The kept inputs grow (chunks, joined when an on-demand question needs them whole).
    kept.events.push(delta.events);
    kept.basketEvents.push(deltaScan.picked);
    kept.checkpoints.push(delta.checkpoints);
    kept.claims.push(delta.rootClaims ?? []);
    kept.effects.push(delta.effects ?? []);
    kept.baskets.push(delta.baskets ?? []);
    kept.twr.push(delta.basketTwr ?? []);
    ledgerCache = null;
    if (deltaScan.picked.length > 0 || (delta.baskets ?? []).length > 0) basketInputs = true;
    if (basketInputs) basketCache = null;
    folded = Math.max(folded, ...parts.map(lastOf));
    noteSpecs(deltaScan);
    currentSpec = delta.currentSpecVersion ?? currentSpec;
    const spec = currentSpec ?? lastSpec;
    const wide = [delta.basketTwr ?? [], delta.baskets ?? []].some((xs) => xs.length > 0);
    noteTouched(benchKept, wide || spec !== ctx.specVersion ? null : books, delta.snapshots.length > 0);
    if (spec !== ctx.specVersion) {
      ctx.specVersion = spec;
      tracker.refresh();
    } else tracker.refreshChanged(books, new Set(delta.snapshots.map((s) => s.netuid)));
    return true;
  };

  const engine: Engine = {
    state,
    prices,
    foldedBlock: () => folded,
    append,
    result: () => withBasketTotals(tracker.result(), engine.baskets(), { walletGroups: ctx.walletGroups, fiat }),
    benchmarks() {
      const b = engine.baskets();
      const bets = new Map(
        b.positions.map((p) => [
          p.key,
          { ...p.figures, spotValue: p.figures.value, incomeTao: p.figures.income, friction: p.figures.fees },
        ]),
      );
      return withBasketBenchmarks(
        computeBenchmarks(state, tracker.positionResults, prices, input.rootIndex, benchKept),
        basketFlows(b),
        bets,
      );
    },
    series(opts) {
      const end = { block: state.lastBlock, timestamp: state.lastTimestamp };
      const moments = opts.filter ? [] : momentsOf(whole(kept.basketEvents), whole(kept.baskets), whole(kept.effects));
      const s = buildSeries(
        ledger(),
        whole(kept.checkpoints),
        stateOpts,
        end,
        { rootIndex: input.rootIndex, ...opts },
        moments,
      );
      return opts.filter ? s : engine.withBaskets(s);
    },
    withBaskets: (s) =>
      engine.baskets().positions.length === 0 ? s : withBasketSeries(s, (blocks) => basketRun(blocks).samples),
    ledger,
    drillDown: (key, figure) => drillDown(state, ledger(), prices, key, figure),
    initialSeries: () =>
      (firstSeries ??= recorder?.finish ? engine.withBaskets(recorder.finish(engine.benchmarks().units)) : null),
    ledgerSize: () => ledgerCount,
    baskets: () => (basketCache ??= basketRun()),
    basketEvents: () => whole(kept.basketEvents),
  };
  return engine;
}

/** One full computation. */
export function computePortfolio(input: PortfolioInput, settings: EngineSettings = DEFAULT_SETTINGS): PortfolioResult {
  const want = settings.series && (settings.series.daily || settings.series.perEvent) ? settings.series : null;
  // Unfiltered series are sampled during the main replay (one pass); filtered ones replay separately.
  const inline = want && !want.filter ? want : null;
  const engine = createEngine(
    input,
    settings,
    inline ? { onReplay: (st) => seriesRecorder(st, { rootIndex: input.rootIndex, ...inline }) } : undefined,
  );
  const series = want ? (inline ? engine.initialSeries() : engine.series(want)) : null;
  return {
    settings,
    pnl: engine.result(),
    emissions: engine.state.emissions,
    openings: engine.state.openings,
    benchmarks: engine.benchmarks(),
    baskets: engine.baskets(),
    series,
    // Materialised on first access (exports, drill-down): the computation itself does not keep it.
    get ledger() {
      return engine.ledger();
    },
  };
}
