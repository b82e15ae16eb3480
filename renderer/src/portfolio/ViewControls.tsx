import { COST_BASIS_METHODS, REWARD_TREATMENTS, type DisplayCurrency } from '../../../shared/vocab';
import { CurrencyToggle } from '../app/currency';
import { VocabSelect } from '../app/VocabSelect';
import type { PortfolioFigures, ViewChoice } from './view-choice';

/** Method and reward treatment for the figures on screen (remembered; see view-choice.ts). */
export function ViewControls({
  choice,
  currency,
  fiatCode,
}: {
  choice: ViewChoice;
  /** Offered once fiat prices are imported. */
  currency?: { currency: DisplayCurrency; setCurrency: (c: DisplayCurrency) => void } | undefined;
  fiatCode?: string | undefined;
}) {
  return (
    <div className="controls">
      {currency && <CurrencyToggle choice={{ ...currency, available: true, code: fiatCode }} />}
      <label className="field">
        <span>Method</span>
        <VocabSelect
          vocabulary={COST_BASIS_METHODS}
          labelKey="short"
          emptyLabel="Settings default"
          value={choice.method}
          onChange={choice.setMethod}
        />
      </label>
      <label className="field">
        <span>Rewards</span>
        <VocabSelect
          vocabulary={REWARD_TREATMENTS}
          emptyLabel="Settings default"
          value={choice.rewards}
          onChange={choice.setRewards}
        />
      </label>
    </div>
  );
}

/** The toolbar of a page built on the portfolio's figures: method, rewards and (with fiat prices) currency. */
export function FiguresToolbar({ figures }: { figures: PortfolioFigures }) {
  return (
    <div className="toolbar">
      <ViewControls
        choice={figures.choice}
        currency={figures.fiatAvailable ? figures.currency : undefined}
        fiatCode={figures.portfolio.data?.fiatCurrency}
      />
    </div>
  );
}
