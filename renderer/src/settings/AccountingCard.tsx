import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ArgsOf, Settings } from '../../../shared/api';
import { BASKET_INCOME_TIMINGS, COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import { ApiCallError, send } from '../api/client';
import { errorMessage } from '../app/ErrorNote';
import { VocabSelect } from '../app/VocabSelect';
import { settingsQueries } from './queries';

/** Accounting defaults, currency and privacy; each error shows under the field it is about. */
export function AccountingCard({ settings }: { settings: Settings }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (patch: ArgsOf<'settings:update'>) => send('settings:update', patch),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsQueries.all() }),
  });
  const [currency, setCurrency] = useState(settings.fiatCurrency);
  const errorFor = (field: keyof Settings) =>
    save.error instanceof ApiCallError && save.error.error.field === field ? save.error.error.message : null;
  const currencyError = errorFor('fiatCurrency');
  const otherError = save.error && !currencyError ? errorMessage(save.error) : null;

  return (
    <section className="card" aria-labelledby="accounting-title">
      <h2 id="accounting-title">Accounting</h2>
      <div className="form-grid">
        <label className="field">
          <span>Cost basis method</span>
          <VocabSelect
            vocabulary={COST_BASIS_METHODS}
            value={settings.costBasisMethod}
            onChange={(costBasisMethod) => save.mutate({ costBasisMethod })}
          />
        </label>
        <label className="field">
          <span>Emission rewards</span>
          <VocabSelect
            vocabulary={REWARD_TREATMENTS}
            value={settings.rewardTreatment}
            onChange={(rewardTreatment) => save.mutate({ rewardTreatment })}
          />
        </label>
        <label className="field">
          <span>Validator fund dividends</span>
          <VocabSelect
            vocabulary={BASKET_INCOME_TIMINGS}
            value={settings.basketIncome}
            onChange={(basketIncome) => save.mutate({ basketIncome })}
          />
        </label>
        <label className="field">
          <span>Fiat currency</span>
          <input
            value={currency}
            maxLength={3}
            onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            onBlur={() => currency !== settings.fiatCurrency && save.mutate({ fiatCurrency: currency })}
            onKeyDown={(e) => e.key === 'Enter' && save.mutate({ fiatCurrency: currency })}
            aria-invalid={currencyError ? true : undefined}
            aria-describedby={currencyError ? 'currency-error' : 'currency-help'}
          />
          {currencyError ? (
            <span id="currency-error" className="field-error" role="alert">
              {currencyError}
            </span>
          ) : (
            <span id="currency-help" className="small muted">
              Three letters, e.g. USD, EUR, CHF.
            </span>
          )}
        </label>
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={settings.privacyMode}
            onChange={(e) => save.mutate({ privacyMode: e.target.checked })}
          />
          <span>Privacy mode (hide amounts, for screenshots)</span>
        </label>
      </div>
      {otherError && (
        <p className="error" role="alert">
          {otherError}
        </p>
      )}
    </section>
  );
}
