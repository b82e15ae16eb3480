// Which days the imported TAO/fiat prices miss: every export row with a TAO value to convert
// (trades, rewards, fees) and every current value needs the price of its UTC day, and none is ever
// guessed. Computed from the same engine run as the figures, once per change of the facts.
import { createEngine, FiatBook, taxRows } from '../../shared/engine';
import type { DbTable, FiatCoverage, Handlers } from '../../shared/api';
import { computationInputTables } from '../../shared/vocab';
import { settingsRepo } from '../db/repos/settings';
import { walletsRepo } from '../db/repos/wallets';
import type { ServiceContext } from './context';
import { loadPortfolioInput, walletGroups } from './portfolio-model';

export type FiatCoverageHandlers = Pick<Handlers, 'fiat:coverage'>;

const INPUT_TABLES = new Set<DbTable>(computationInputTables);

export function fiatCoverageHandlers(ctx: ServiceContext): FiatCoverageHandlers {
  const wallets = walletsRepo(ctx.db);
  const settings = settingsRepo(ctx.db);
  let cached: FiatCoverage | null = null;
  ctx.bus.on('data:changed', ({ tables }) => {
    if (tables.some((t) => INPUT_TABLES.has(t))) cached = null;
  });

  const compute = (): FiatCoverage => {
    const s = settings.get();
    const list = wallets.list();
    const input = loadPortfolioInput(ctx.db, list, s.fiatCurrency);
    const prices = input.fiatPrices ?? [];
    const empty = { currency: s.fiatCurrency, imported: prices.length, rowsNeedingPrice: 0, rowsWithoutPrice: 0 };
    if (prices.length === 0) return { ...empty, missingDays: [] };
    const engine = createEngine(input, {
      method: s.costBasisMethod,
      rewards: s.rewardTreatment,
      walletGroups: walletGroups(list),
    });
    const book = new FiatBook(prices);
    const rows = taxRows(
      engine.ledger(),
      engine.state.emissions,
      engine.baskets().records,
      engine.state.openings,
    ).filter((r) => r.worthTao !== null);
    const without = rows.filter((r) => book.priceOn(r.timestamp) === null).length;
    const missing = new Set([...book.missing(), ...(engine.result().fiatMissingDays ?? [])]);
    return {
      ...empty,
      rowsNeedingPrice: rows.length,
      rowsWithoutPrice: without,
      missingDays: [...missing].sort(),
    };
  };

  return {
    'fiat:coverage': () => (cached ??= compute()),
  };
}
