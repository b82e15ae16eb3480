import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import {
  costBasisMethods,
  displayCurrencies,
  rewardTreatments,
  type CostBasisMethod,
  type DisplayCurrency,
  type RewardTreatment,
} from '../../../shared/vocab';
import { oneOf, readPersisted, usePersistedState } from '../app/persisted';
import { portfolioQueries } from './queries';
import type { PortfolioView } from '../../../shared/views';

const orDefault = <T extends readonly string[]>(ids: T) => oneOf([...ids, null] as const);
const METHOD = ['view.method', null, orDefault(costBasisMethods)] as const;
const REWARDS = ['view.rewards', null, orDefault(rewardTreatments)] as const;
const CURRENCY = ['view.currency', 'tao', oneOf(displayCurrencies)] as const;

type FigureArgs = { method?: CostBasisMethod; rewards?: RewardTreatment };
const figureArgs = (method: CostBasisMethod | null, rewards: RewardTreatment | null): FigureArgs => ({
  ...(method ? { method } : {}),
  ...(rewards ? { rewards } : {}),
});

/**
 * The cost-basis method and reward treatment the figures are computed with: the Settings default
 * unless the user picked one here. One choice for Portfolio, Subnets and a subnet's detail, kept
 * across navigation and reloads.
 */
export function useViewChoice() {
  const [method, setMethod] = usePersistedState<CostBasisMethod | null>(...METHOD);
  const [rewards, setRewards] = usePersistedState<RewardTreatment | null>(...REWARDS);
  const args = figureArgs(method, rewards);
  return {
    method: method ?? undefined,
    rewards: rewards ?? undefined,
    setMethod: (m: CostBasisMethod | undefined) => setMethod(m ?? null),
    setRewards: (r: RewardTreatment | undefined) => setRewards(r ?? null),
    args,
  };
}
export type ViewChoice = ReturnType<typeof useViewChoice>;

/** Fiat prices are imported (the currency toggle is offered). */
export const hasFiatPrices = (view: Pick<PortfolioView, 'fiatMissingDays'> | undefined): boolean =>
  view?.fiatMissingDays !== null && view?.fiatMissingDays !== undefined;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && DAY.test(v));
const rangeKeys = (page: string) => ({
  from: [`${page}.from`, null, dayOrNull] as const,
  to: [`${page}.to`, null, dayOrNull] as const,
});

/**
 * The range sent for a remembered From and To: none when it ends before it starts, which the backend
 * refuses (the page would show nothing but that error, and keep it across reloads); RangeCard says so.
 */
export const rangeArgs = (from: string | null, to: string | null) =>
  from !== null && to !== null && from > to ? {} : { ...(from ? { from } : {}), ...(to ? { to } : {}) };

/**
 * The arguments the hooks below would give, read from what is remembered, outside React: what a page
 * will ask for before it is shown (prefetch.ts). `fiatAvailable` as the portfolio view says.
 */
export function rememberedArgs(fiatAvailable: boolean, page?: string) {
  const args = figureArgs(readPersisted(...METHOD), readPersisted(...REWARDS));
  const currency = fiatAvailable ? readPersisted(...CURRENCY) : 'tao';
  if (!page) return { view: args, analytics: { ...args, currency } };
  const from = readPersisted(...rangeKeys(page).from);
  const to = readPersisted(...rangeKeys(page).to);
  return { view: args, analytics: { ...args, currency, ...rangeArgs(from, to) } };
}

/**
 * The display currency (τ, or fiat once prices are imported): one choice for every page that shows
 * figures, so switching to fiat on one page shows fiat on the others too.
 */
export function useCurrencyChoice(fiatAvailable: boolean) {
  const [currency, setCurrency] = usePersistedState<DisplayCurrency>(...CURRENCY);
  return { currency: fiatAvailable ? currency : ('tao' as const), setCurrency };
}

/**
 * A page's display currency (shared, see useCurrencyChoice) and date range for realized PnL and
 * income, remembered per page.
 */
export function useAnalyticsChoice(page: string, fiatAvailable: boolean) {
  const { currency: shown, setCurrency } = useCurrencyChoice(fiatAvailable);
  const [from, setFrom] = usePersistedState<string | null>(...rangeKeys(page).from);
  const [to, setTo] = usePersistedState<string | null>(...rangeKeys(page).to);
  return {
    currency: shown,
    setCurrency,
    from,
    to,
    setRange: useCallback(
      (f: string | null, t: string | null) => {
        setFrom(f);
        setTo(t);
      },
      [setFrom, setTo],
    ),
    args: { currency: shown, ...rangeArgs(from, to) },
  };
}

/**
 * What the pages built on the portfolio's figures share (Subnets, a subnet's detail): the remembered
 * method and rewards choice, the portfolio query for it, and the display currency, offered once fiat
 * prices are imported. While a new choice is computed, `portfolio` keeps the previous figures
 * (`isPlaceholderData`).
 */
export function usePortfolioFigures() {
  const choice = useViewChoice();
  // While another method or treatment is computed, the figures on screen stay (marked "Recomputing…").
  const portfolio = useQuery({ ...portfolioQueries.view(choice.args), placeholderData: keepPreviousData });
  const fiatAvailable = hasFiatPrices(portfolio.data);
  const currency = useCurrencyChoice(fiatAvailable);
  return { choice, portfolio, fiatAvailable, currency };
}
export type PortfolioFigures = ReturnType<typeof usePortfolioFigures>;
