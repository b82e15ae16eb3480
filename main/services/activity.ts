// Activity: the ledger the engine books from the stored facts (the same normalisation as the
// figures and the events export) and its basket records (fund-share purchases, fund dividends, claims,
// dust, transfers: shared/engine/baskets.ts), filtered, sorted and paged for the UI; its export follows
// the same filter. The ledger is built once per change of the facts it reads (events, root-claim
// payouts, silent effects, wallets: a sync batch that only adds checkpoints keeps it), the basket
// records once per change of theirs (./activity-funds.ts); the last few filtered orders are kept so
// that scrolling through a large result only slices.
import {
  activityCsv,
  activityEntries,
  activityFacets,
  activityRowsInFiat,
  DEFAULT_ACTIVITY_SORT,
  filterEntries,
  sortEntries,
  toActivityRow,
  type ActivityEntry,
  type ActivityFacets,
  type ActivityRow,
  type ActivityFilter,
  type BlockRead,
  type ActivitySort,
} from '../../shared/activity';
import type { ActivityFilterArgs, DbTable, Handlers } from '../../shared/api';
import {
  BASKET_EVENT_KINDS,
  computeBaskets,
  FiatBook,
  normalizeEvents,
  PriceBook,
  type BasketRecord,
  type LedgerEntry,
  type StakeEvent,
} from '../../shared/engine';
import { DividendBook } from '../../shared/engine/basket-dividends';
import { computationInputTables, EXPORT_FORMATS } from '../../shared/vocab';
import { SubnetLabelBook, earlierSymbols } from '../../shared/subnet-labels';
import { fiatPricesRepo } from '../db/repos/fiat-prices';
import { identitiesRepo } from '../db/repos/identities';
import { ledgerFactsRepo } from '../db/repos/ledger-facts';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import type { ServiceContext } from './context';
import { AppError } from './errors';

export type ActivityHandlers = Pick<Handlers, 'activity:list' | 'activity:export'>;

// Settings: the basket records follow the fund-income timing and the reward treatment; with TAO/fiat
// prices they also carry their lot-based fiat figures.
const LEDGER_TABLES = new Set<DbTable>(computationInputTables);
const DEFAULT_PAGE = 200;
/** Distinct filter/sort results kept (a user flipping between a few views stays instant). */
const KEPT_RESULTS = 4;

interface Ledger {
  entries: ActivityEntry[];
  facets: ActivityFacets;
  /** What it was built from; unchanged facts keep it. */
  fingerprint: string;
}

/** The normalised ledger and the basket events among its facts (the records' sources). */
interface Booked {
  ledger: LedgerEntry[];
  basketEvents: StakeEvent[];
  fingerprint: string;
}

export function activityHandlers(ctx: ServiceContext): ActivityHandlers {
  const wallets = walletsRepo(ctx.db);
  const facts = ledgerFactsRepo(ctx.db);
  const settings = settingsRepo(ctx.db);
  const prices = fiatPricesRepo(ctx.db);
  const blockRead = ctx.db.prepare<[number], { hash: string; spec: bigint }>(
    'SELECT hash, spec_version AS spec FROM blocks WHERE number = ?',
  );
  // Spot values of a leg come from the snapshot before its block, which sync records with the event,
  // so events, root-claim payouts, silent effects (hotkey and coldkey swaps, dissolution payouts,
  // batched order fills, share-pool reconciles) and wallets are what the ledger depends on.
  const factsStamp = ctx.db.prepare<[], { events: bigint; last: bigint | null; payouts: bigint; effects: bigint }>(
    `SELECT (SELECT COUNT(*) FROM stake_events) AS events, (SELECT MAX(id) FROM stake_events) AS last,
            (SELECT COUNT(*) FROM root_claim_payouts) AS payouts, (SELECT COUNT(*) FROM silent_effects) AS effects`,
  );
  let ledger: Ledger | null = null;
  let booked: Booked | null = null;
  let funds: { records: BasketRecord[]; fingerprint: string } | null = null;
  let stale = true;
  /** Counts imports of fiat prices (the basket records' lot-based fiat figures use them). */
  let fiatPrices = 0;
  /** Every subnet's recorded name and token symbol, read again when the facts change (subnet snapshots carry them). */
  let labels = new SubnetLabelBook([]);
  const results = new Map<string, ActivityEntry[]>();
  ctx.bus.on('data:changed', ({ tables }) => {
    if (tables.some((t) => LEDGER_TABLES.has(t))) stale = true;
    if (tables.includes('fiat_prices')) fiatPrices++;
  });

  const fingerprint = (coldkeys: string[]): string => {
    const stamp = factsStamp.get()!;
    return [...coldkeys, stamp.events, stamp.last, stamp.payouts, stamp.effects].map(String).join('|');
  };
  const bookLedger = (coldkeys: string[], stamp: string): Booked => {
    if (booked?.fingerprint === stamp) return booked;
    const events = facts.events(coldkeys);
    const entries = normalizeEvents(events, {
      trackedColdkeys: new Set(coldkeys),
      rootClaims: facts.rootClaims(coldkeys),
      effects: facts.effects(coldkeys),
      prices: new PriceBook(facts.snapshots()),
    });
    return (booked = {
      ledger: entries,
      basketEvents: events.filter((e) => BASKET_EVENT_KINDS.has(e.kind)),
      fingerprint: stamp,
    });
  };
  /**
   * The basket records as the portfolio's engine books them (its `baskets()`), under the settings' reward
   * treatment and fund-income timing: also read at basket checkpoints and BasketTwr readings.
   */
  const bookFunds = (coldkeys: string[], b: Booked, ledgerStamp: string): BasketRecord[] => {
    const { rewardTreatment, basketIncome, fiatCurrency } = settings.get();
    const marks = facts.marks();
    const stamp = [
      ledgerStamp,
      marks.basket_checkpoints,
      marks.basket_twr,
      rewardTreatment,
      basketIncome,
      fiatCurrency,
      fiatPrices,
    ].join('|');
    if (funds?.fingerprint === stamp) return funds.records;
    const snapshots = facts.baskets(coldkeys);
    const priceRows = prices.list(fiatCurrency);
    const records =
      b.basketEvents.length === 0 && snapshots.length === 0
        ? []
        : computeBaskets(b.basketEvents, snapshots, {
            timing: basketIncome,
            rewards: rewardTreatment,
            trackedColdkeys: new Set(coldkeys),
            effects: facts.effects(coldkeys),
            dividends: new DividendBook(
              facts.basketTwr(coldkeys),
              facts.checkpoints(coldkeys).filter((c) => c.netuid === 0),
            ),
            fiat: priceRows.length > 0 ? new FiatBook(priceRows) : null,
          }).records;
    funds = { records, fingerprint: stamp };
    return records;
  };
  const current = (): Ledger => {
    if (ledger && !stale) return ledger;
    stale = false;
    labels = new SubnetLabelBook(facts.subnetLabels());
    const coldkeys = wallets.list().map((w) => w.address);
    const ledgerStamp = fingerprint(coldkeys);
    const b = bookLedger(coldkeys, ledgerStamp);
    const records = bookFunds(coldkeys, b, ledgerStamp);
    const stamp = funds!.fingerprint;
    if (ledger?.fingerprint === stamp) return ledger;
    const entries = activityEntries(b.ledger, records, b.basketEvents);
    results.clear();
    ledger = { entries, facets: activityFacets(entries), fingerprint: stamp };
    return ledger;
  };

  const toFilter = (args: ActivityFilterArgs | undefined): ActivityFilter => {
    const { walletIds, ...rest } = args ?? {};
    if (walletIds === undefined) return rest;
    const coldkeys = walletIds.map((id) => {
      const wallet = wallets.get(id);
      if (!wallet) throw new AppError('not-found', `No wallet with id ${id}.`, 'walletIds');
      return wallet.address;
    });
    return { ...rest, coldkeys };
  };

  const identities = identitiesRepo(ctx.db);
  const validatorNames = (): Map<string, string> =>
    new Map(identities.list().flatMap((r) => (r.name === null ? [] : [[r.hotkey, r.name] as const])));

  const select = (args: { filter?: ActivityFilterArgs; sort?: ActivitySort } | undefined) => {
    const filter = toFilter(args?.filter);
    const sort = args?.sort ?? DEFAULT_ACTIVITY_SORT;
    const all = current();
    // Names change when sync refreshes identities: a search's cached result is keyed by them too.
    const names = filter.search ? validatorNames() : new Map<string, string>();
    const key = JSON.stringify({ filter, sort, names: [...names] });
    let entries = results.get(key);
    if (!entries) {
      entries = sortEntries(filterEntries(all.entries, filter, names), sort);
      if (results.size >= KEPT_RESULTS) results.delete(results.keys().next().value!);
      results.set(key, entries);
    }
    return { ledger: all, entries };
  };

  const blockOf = (block: number): BlockRead | null => {
    const read = blockRead.get(block);
    return read ? { hash: read.hash, specVersion: Number(read.spec) } : null;
  };
  /** The rows' amounts at their day's price, `entries` being the rows' (shared/activity `activityRowsInFiat`). */
  const inFiat = (rows: ActivityRow[], entries: readonly ActivityEntry[]): { code: string; rows: ActivityRow[] } => {
    const code = settings.get().fiatCurrency;
    const list = prices.list(code);
    if (list.length === 0)
      throw new AppError('invalid-args', `No TAO/${code} prices are imported: import a price file first.`, 'currency');
    return { code, rows: activityRowsInFiat(rows, entries, new FiatBook(list)) };
  };

  return {
    'activity:list': (args) => {
      const { ledger: all, entries } = select(args);
      const offset = args?.offset ?? 0;
      const limit = args?.limit ?? DEFAULT_PAGE;
      const shown = entries.slice(offset, offset + limit);
      const rows = shown.map((e) => {
        const row = toActivityRow(e, blockOf);
        const then = earlierSymbols(labels, row.blockNumber, new Set(row.legs.map((l) => l.netuid)));
        return then ? { ...row, symbols: then } : row;
      });
      const symbolsOf = Object.fromEntries(
        all.facets.netuids.flatMap((n) => {
          const symbol = n === 0 ? null : labels.latest(n)?.symbol;
          return symbol ? [[n, symbol]] : [];
        }),
      );
      const page = {
        total: all.entries.length,
        matched: entries.length,
        offset,
        rows,
        facets: all.facets,
        symbols: symbolsOf,
      };
      if (args?.currency !== 'fiat') return page;
      const fiat = inFiat(rows, shown);
      return { ...page, rows: fiat.rows, fiatCurrency: fiat.code };
    },
    'activity:export': (args) => {
      const { entries } = select(args);
      const { suffix, mime } = EXPORT_FORMATS['events-csv'];
      const stamp = new Date(ctx.now()).toISOString().slice(0, 10);
      return {
        filename: `taofolio-activity-${stamp}-${entries.length}-entries-${suffix}`,
        mime,
        content: activityCsv(entries),
      };
    },
  };
}
