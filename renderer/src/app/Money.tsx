import { taoToFiat } from '../../../shared/engine/units';
import type { Amount } from '../../../shared/views';
import type { DisplayCurrency } from '../../../shared/vocab';
import { Masked, Tao, toneOf } from './Amount';
import { compactFiat, compactTao, fiat, FIAT_SCALE, roundUnits, tao } from './format';

/** What the analytics views are shown in: τ (rao) or a fiat currency (1e-8 units). */
export interface Unit {
  currency: DisplayCurrency;
  /** 'TAO' or the fiat currency code. */
  code: string;
}

export const TAO_UNIT: Unit = { currency: 'tao', code: 'TAO' };

/**
 * Where τ values the backend sends only in τ are shown in the display currency: fiat at `price`, the
 * as-of day's (1e-8 units per τ, the analytics view's `fiat.priceAsOf`), as the backend converts the
 * cards' values; null: that day has no imported price.
 */
export interface ShownIn {
  unit: Unit;
  price: bigint | null;
}

export const IN_TAO: ShownIn = { unit: TAO_UNIT, price: null };

/** A τ value (rao) in the display currency; null (Money's "no price") in fiat without the price. */
export function valueIn(rao: bigint, shownIn: ShownIn): Amount {
  if (shownIn.unit.currency === 'tao') return rao;
  return shownIn.price === null ? null : taoToFiat(rao, shownIn.price);
}

/**
 * `a − b` as the two amounts are shown (τ to 4 decimals, fiat to cents, Money's defaults): each
 * rounded first, so a row's shown difference is the difference of its shown amounts. Null if either is.
 */
export function shownDifference(a: Amount, b: Amount, unit: Unit): Amount {
  if (a === null || b === null) return null;
  const [decimals, scale] = unit.currency === 'tao' ? [4, 9] : [2, FIAT_SCALE];
  return roundUnits(a, decimals, scale) - roundUnits(b, decimals, scale);
}

/** A formatter for chart tooltips and summaries in the unit. */
export function formatIn(unit: Unit): (value: bigint, decimals?: number) => string {
  return unit.currency === 'tao' ? (v, d = 4) => tao(v, d) : (v, d = 2) => fiat(v, unit.code, Math.min(d, FIAT_SCALE));
}

/**
 * An axis label for a chart number in the unit. Chart numbers are amounts ÷ 1e9 (toChartNumber), so
 * a rao amount reads as τ and a fiat amount (1e-8 units) as a tenth of its currency unit.
 */
export function axisFormatIn(unit: Unit): (value: number) => string {
  const perUnit = 10 ** (9 - FIAT_SCALE);
  return unit.currency === 'tao' ? (v) => compactTao(v * 1e9) : (v) => compactFiat(v * perUnit, unit.code);
}

/**
 * An amount in the view's unit. Null means a fiat value that needs a day without an imported price:
 * shown as "no price", never guessed.
 */
export function Money(props: {
  amount: Amount;
  unit: Unit;
  sign?: boolean;
  testId?: string;
  /** What a null means here, when not a missing fiat price (e.g. not enough history). */
  missing?: string;
  /** Fiat without its currency code, where the table says it once (the hover text keeps it). */
  bare?: boolean;
}) {
  const { amount, unit, sign = false, testId } = props;
  if (amount === null)
    return (
      <span
        className="amount muted"
        title={props.missing ?? 'No TAO price imported for a day this needs'}
        data-testid={testId}
      >
        {props.missing ?? 'no price'}
      </span>
    );
  if (unit.currency === 'tao') return <Tao rao={amount} sign={sign} {...(testId ? { testId } : {})} />;
  const shown = fiat(amount, unit.code);
  // Signed as signed() signs τ: what rounds to zero reads "±", like the other figures of its column.
  const plusOf = (text: string) => (!sign ? '' : !/[1-9]/.test(text) ? '±' : amount > 0n ? '+' : '');
  const full = fiat(amount, unit.code, FIAT_SCALE);
  const text = `${plusOf(shown)}${props.bare ? shown.slice(0, -unit.code.length - 1) : shown}`;
  return (
    <Masked
      text={text}
      full={`${plusOf(full)}${full}`}
      tone={sign ? toneOf(text, amount > 0n ? 1 : amount < 0n ? -1 : 0) : null}
      testId={testId}
    />
  );
}
