import {
  buildReport,
  coinTrackerCsv,
  jsonSafe,
  koinlyCsv,
  parseFiatCsv,
  taxRows,
  FiatBook,
  type Engine,
} from '../../shared/engine';
import type { ArgsOf, Handlers } from '../../shared/api';
import { pnlCsv } from '../../shared/pnl-csv';
import { activityCsv, activityEntries } from '../../shared/activity';
import type { AnalyticsView, ExportFile } from '../../shared/views';
import { buildAnalyticsView, type AnalyticsQuery } from './analytics-view';
import { buildSubnetView } from './subnet-view';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/vocab';
import { fiatPricesRepo } from '../db/repos/fiat-prices';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import type { ServiceContext } from './context';
import { AppError } from './errors';
import { entriesForPosition, type ComputedPortfolio, type PortfolioQuery } from './portfolio-model';
import { PortfolioCache } from './portfolio-cache';

export type PortfolioHandlers = Pick<
  Handlers,
  | 'portfolio:get'
  | 'portfolio:analytics'
  | 'portfolio:subnet'
  | 'portfolio:position'
  | 'reports:export'
  | 'fiat:import'
  | 'fiat:summary'
>;

export function portfolioHandlers(ctx: ServiceContext): PortfolioHandlers {
  const wallets = walletsRepo(ctx.db);
  const settings = settingsRepo(ctx.db);
  const fiat = fiatPricesRepo(ctx.db);
  // Kept per query; newly recorded chain facts are folded in where they can be (./portfolio-cache).
  const cache = new PortfolioCache(ctx.db, ctx.bus);
  // Cockpit views per computation and query: a range or currency change reads the kept daily series.
  const analytics = new WeakMap<ComputedPortfolio, Map<string, AnalyticsView>>();

  const compute = (
    args: { method?: PortfolioQuery['method']; rewards?: PortfolioQuery['rewards']; asOfBlock?: number } | undefined,
  ) => {
    const s = settings.get();
    const query: PortfolioQuery = {
      method: args?.method ?? s.costBasisMethod,
      rewards: args?.rewards ?? s.rewardTreatment,
      ...(args?.asOfBlock === undefined ? {} : { asOfBlock: args.asOfBlock }),
    };
    return cache.get(wallets.list(), s, query);
  };

  /** The cockpit view of a query, cached per computation and query (a range or currency change reads days). */
  const cockpit = (args: ArgsOf<'portfolio:analytics'>) => {
    const computed = compute(args);
    const query: AnalyticsQuery = {
      from: args?.from,
      to: args?.to,
      currency: args?.currency ?? 'tao',
      riskFree: args?.riskFree ?? 'rootYield',
    };
    const key = JSON.stringify(query);
    let views = analytics.get(computed);
    if (!views) {
      views = new Map();
      analytics.set(computed, views);
    }
    let view = views.get(key);
    if (!view) {
      view = buildAnalyticsView(computed, query, settings.get().fiatCurrency);
      views.set(key, view);
    }
    return { computed, view, query };
  };

  const exportFile = (engine: Engine, computed: ComputedPortfolio, format: ExportFormat): ExportFile => {
    const { view } = computed;
    const generatedAt = new Date(ctx.now()).toISOString();
    const app = { name: ctx.info.name, version: ctx.info.version };
    const fiatCurrency = settings.get().fiatCurrency;
    const fiatBook = () => (view.fiatMissingDays === null ? null : new FiatBook(fiat.list(fiatCurrency)));
    const build: Record<ExportFormat, () => string> = {
      'pnl-json': () =>
        JSON.stringify(
          {
            ...buildReport(
              computed.pnl,
              { method: view.method, rewards: view.rewards, asOfBlock: view.asOfBlock },
              app,
              generatedAt,
            ),
            // Locks and where each exit value comes from (docs/chain/locks.md), and every α change no
            // rule explains with its block (docs/chain/reconciliation.md): counted here, never income.
            holdings: jsonSafe({
              total: view.total.holding,
              subnets: Object.fromEntries(view.subnets.map((s) => [s.netuid, s.holding])),
              positions: Object.fromEntries(view.positions.map((p) => [p.key, p.holding])),
            }),
            unexplained: jsonSafe(view.unexplained),
            // Shares of validator funds (docs/chain/baskets.md): already inside pnl.total, wallets and groups.
            baskets: jsonSafe({
              timing: view.baskets.timing,
              positions: view.baskets.positions.map(({ records: _records, ...p }) => p),
              total: view.baskets.total,
            }),
            benchmarks: jsonSafe(view.total.benchmarks),
          },
          null,
          2,
        ),
      // A basket row's value in fiat is at the as-of day's price, as the engine values every row.
      'pnl-csv': () => pnlCsv(view, app, generatedAt, fiatBook()?.priceOn(view.asOfTimestamp) ?? null),
      // The ledger with its basket records, as Activity lists and exports them (shared/activity-funds.ts).
      'events-csv': () =>
        activityCsv(activityEntries(engine.ledger(), engine.baskets().records, engine.basketEvents())),
      'koinly-csv': () => {
        const prices = fiatBook();
        return koinlyCsv(
          taxRows(engine.ledger(), engine.state.emissions, engine.baskets().records, engine.state.openings),
          prices ? { book: prices, currency: fiatCurrency } : undefined,
        );
      },
      'cointracker-csv': () =>
        coinTrackerCsv(
          taxRows(engine.ledger(), engine.state.emissions, engine.baskets().records, engine.state.openings),
        ),
    };
    const { suffix, mime } = EXPORT_FORMATS[format];
    return {
      filename: `taofolio-${view.method}-${view.rewards}-block${view.asOfBlock}-${suffix}`,
      mime,
      content: build[format](),
    };
  };

  return {
    'portfolio:get': (args) => {
      const { view } = compute(args);
      return args?.daily === false ? { ...view, daily: [] } : view;
    },

    'portfolio:analytics': (args) => cockpit(args).view,

    'portfolio:subnet': (args) => {
      const { computed, view, query } = cockpit(args);
      if (
        !view.subnets.some((s) => s.netuid === args.netuid) &&
        computed.engine.prices.series(args.netuid).length === 0
      )
        throw new AppError('not-found', `No position or price data for subnet ${args.netuid}.`, 'netuid');
      return buildSubnetView(computed, view, args.netuid, query, settings.get().fiatCurrency);
    },

    'portfolio:position': (args) => {
      const computed = compute(args);
      const position = computed.view.positions.find((p) => p.key === args.key);
      if (!position) throw new AppError('not-found', `No position ${args.key}.`, 'key');
      const entries = entriesForPosition(computed.engine, position.key);
      if (args.currency !== 'fiat') return { position, entries };
      // At each entry's day's price, as Activity converts the same entries.
      const currency = settings.get().fiatCurrency;
      const book = new FiatBook(fiat.list(currency));
      const at = (rao: bigint | null, ms: number) => (rao === null ? null : book.value(rao, ms));
      const legs = entries.map((e) =>
        e.legs.map((l) => ({ tao: at(l.tao, e.timestamp), spot: at(l.spotTao, e.timestamp) })),
      );
      return { position, entries, fiat: { currency, legs } };
    },

    'reports:export': (args) => {
      const computed = compute(args);
      return exportFile(computed.engine, computed, args.format);
    },

    'fiat:import': ({ currency, csv }) => {
      const parsed = parseFiatCsv(csv);
      if (!parsed.ok) {
        const shown = parsed.errors
          .slice(0, 5)
          .map((e) => `line ${e.line}: ${e.message}`)
          .join('; ');
        const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : '';
        throw new AppError('invalid-file', `Nothing was imported. ${shown}${more}`, 'csv');
      }
      if (parsed.rows.length === 0)
        throw new AppError('invalid-file', 'Nothing was imported: the file has no price rows.', 'csv');
      fiat.import(currency, parsed.rows);
      ctx.bus.emit('data:changed', { tables: ['fiat_prices'] });
      const dates = parsed.rows.map((r) => r.date).sort();
      return {
        currency,
        imported: parsed.rows.length,
        firstDate: dates[0] ?? null,
        lastDate: dates.at(-1) ?? null,
        skipped: parsed.skipped,
        columns: parsed.columns,
      };
    },

    'fiat:summary': () => {
      const currency = settings.get().fiatCurrency;
      return { currency, ...fiat.summary(currency) };
    },
  };
}
