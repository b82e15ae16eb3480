import { costBasisMethods, rewardTreatments, type CostBasisMethod, type RewardTreatment } from '../../../shared/vocab';
import { oneOf, usePersistedState } from '../app/persisted';

const orDefault = <T extends readonly string[]>(ids: T) => oneOf([...ids, null] as const);

/**
 * The cost-basis method and reward treatment the figures are computed with: the Settings default
 * unless the user picked one here. One choice for Portfolio, Subnets and a subnet's detail, kept
 * across navigation and reloads.
 */
export function useViewChoice() {
  const [method, setMethod] = usePersistedState<CostBasisMethod | null>(
    'view.method',
    null,
    orDefault(costBasisMethods),
  );
  const [rewards, setRewards] = usePersistedState<RewardTreatment | null>(
    'view.rewards',
    null,
    orDefault(rewardTreatments),
  );
  const args = { ...(method ? { method } : {}), ...(rewards ? { rewards } : {}) };
  return {
    method: method ?? undefined,
    rewards: rewards ?? undefined,
    setMethod: (m: CostBasisMethod | undefined) => setMethod(m ?? null),
    setRewards: (r: RewardTreatment | undefined) => setRewards(r ?? null),
    args,
  };
}
export type ViewChoice = ReturnType<typeof useViewChoice>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && DAY.test(v));

/**
 * The display currency (τ, or fiat once prices are imported): one choice for every page that shows
 * figures, so switching to fiat on one page shows fiat on the others too.
 */
export function useCurrencyChoice(fiatAvailable: boolean) {
  const [currency, setCurrency] = usePersistedState<'tao' | 'fiat'>(
    'view.currency',
    'tao',
    oneOf(['tao', 'fiat'] as const),
  );
  return { currency: fiatAvailable ? currency : ('tao' as const), setCurrency };
}

/**
 * A page's display currency (shared, see useCurrencyChoice) and date range for realized PnL and
 * income, remembered per page.
 */
export function useAnalyticsChoice(page: string, fiatAvailable: boolean) {
  const { currency: shown, setCurrency } = useCurrencyChoice(fiatAvailable);
  const [from, setFrom] = usePersistedState<string | null>(`${page}.from`, null, dayOrNull);
  const [to, setTo] = usePersistedState<string | null>(`${page}.to`, null, dayOrNull);
  return {
    currency: shown,
    setCurrency,
    from,
    to,
    setRange: (f: string | null, t: string | null) => {
      setFrom(f);
      setTo(t);
    },
    args: { currency: shown, ...(from ? { from } : {}), ...(to ? { to } : {}) },
  };
}
