// How the headline figures add up under the chosen reward treatment: the lines of the sum, and the
// lines shown beside it that are already inside them. Pure, so the equation on screen is tested.
import type { Figures } from '../../../shared/engine';
import type { RewardTreatment } from '../../../shared/vocab';

export interface AddsUpLine {
  id: 'realized' | 'unrealized' | 'incomeTao' | 'other';
  label: string;
  amount: bigint;
}

export interface AddsUp {
  total: bigint;
  terms: AddsUpLine[];
  memo: AddsUpLine[];
  /** One sentence saying how the lines make the total under this treatment. */
  how: string;
}

export function addsUp(f: Figures, rewards: RewardTreatment): AddsUp {
  const realized: AddsUpLine = { id: 'realized', label: 'Realized PnL', amount: f.realized };
  const unrealized: AddsUpLine = { id: 'unrealized', label: 'Unrealized PnL', amount: f.unrealized };
  const income: AddsUpLine = { id: 'incomeTao', label: 'Emission income', amount: f.incomeTao };
  const inSum = rewards === 'income' ? [realized, unrealized, income] : [realized, unrealized];
  const rest = f.totalReturn - inSum.reduce((a, l) => a + l.amount, 0n);
  const terms =
    rest === 0n
      ? inSum
      : [...inSum, { id: 'other' as const, label: 'Other (basis moved between positions)', amount: rest }];
  const how =
    rewards === 'income'
      ? 'Rewards count as income when received, at their τ value then; that value becomes their cost basis, so later price moves on them show in realized and unrealized PnL.'
      : 'Rewards have zero cost basis: their whole value shows in realized and unrealized PnL, so emission income is listed beside the sum, not in it.';
  return { total: f.totalReturn, terms, memo: rewards === 'income' ? [] : [income], how };
}
