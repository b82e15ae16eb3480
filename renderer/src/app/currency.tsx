// The display currency outside the cockpit's own views (Activity): offered once TAO prices are
// imported, the same remembered choice as Portfolio, Subnets and a subnet's page (view-choice.ts).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { DISPLAY_CURRENCIES, displayCurrencies, type DisplayCurrency } from '../../../shared/vocab';
import { send } from '../api/client';
import { ChoiceButtons } from '../charts/ChartShell';
import { useCurrencyChoice } from '../portfolio/view-choice';
import type { Unit } from './Money';

export const fiatSummaryQuery = queryOptions({
  queryKey: ['fiat', 'summary'] as const,
  queryFn: () => send('fiat:summary'),
});

/** The display currency chosen, and whether fiat can be chosen. */
export interface CurrencyChoice {
  currency: DisplayCurrency;
  setCurrency: (c: DisplayCurrency) => void;
  /** Prices are imported for the Settings currency. */
  available: boolean;
  /** The fiat currency code (Settings), once known. */
  code: string | undefined;
}

export function useDisplayCurrency(): CurrencyChoice {
  const summary = useQuery(fiatSummaryQuery);
  const available = (summary.data?.count ?? 0) > 0;
  const { currency, setCurrency } = useCurrencyChoice(available);
  return { currency, setCurrency, available, code: summary.data?.currency };
}

/** The unit amounts are shown in: fiat needs its code (from the answer that carries the amounts). */
export const unitFor = (code: string | undefined): Unit =>
  code === undefined ? { currency: 'tao', code: 'TAO' } : { currency: 'fiat', code };

/** "Show in τ | USD", once prices are imported. */
export function CurrencyToggle({ choice }: { choice: CurrencyChoice }) {
  if (!choice.available) return null;
  return (
    <div className="field">
      <span>Show in</span>
      <ChoiceButtons
        label="Currency"
        options={displayCurrencies}
        labelOf={(c) => (c === 'fiat' ? (choice.code ?? 'Fiat') : 'τ')}
        helpOf={(c) => DISPLAY_CURRENCIES[c].help}
        value={choice.currency}
        onChange={choice.setCurrency}
      />
    </div>
  );
}
