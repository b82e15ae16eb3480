import { alpha, FULL_DECIMALS, pct, signed, tao } from './format';
import { useShown, usePrivacy } from './privacy';

export type Tone = 'pos' | 'neg' | 'flat';

/** Colour what is shown: an amount that rounds to zero at this precision reads as flat. */
export function toneOf(text: string, sign: number): Tone {
  return !/[1-9]/.test(text) || sign === 0 ? 'flat' : sign > 0 ? 'pos' : 'neg';
}

/** Any figure text: masked (digits, sign, colour, tooltip) in privacy mode; `full` is shown on hover. */
export function Masked(props: { text: string; full: string; tone: Tone | null; testId?: string | undefined }) {
  const hidden = usePrivacy();
  const shown = useShown();
  // In privacy mode neither the digits nor the green/red sign reach the page (not even the tooltip).
  const tone = !hidden && props.tone ? ` ${props.tone}` : '';
  return (
    <span className={`amount${tone}`} title={shown(props.full)} data-testid={props.testId}>
      {shown(props.text)}
    </span>
  );
}

/** A TAO amount; `sign` adds +/− and colour. Full precision on hover; masked in privacy mode. */
export function Tao({
  rao,
  sign = false,
  decimals = 4,
  testId,
}: {
  rao: bigint;
  sign?: boolean;
  decimals?: number;
  testId?: string;
}) {
  const text = sign ? signed(rao, decimals) : tao(rao, decimals);
  const full = sign ? signed(rao, FULL_DECIMALS) : tao(rao, FULL_DECIMALS);
  return (
    <Masked
      text={text}
      full={full}
      tone={sign ? toneOf(text, rao > 0n ? 1 : rao < 0n ? -1 : 0) : null}
      testId={testId}
    />
  );
}

/**
 * An α amount in its subnet's unit. Root (netuid 0) α is TAO one to one, so it is shown in τ; other
 * subnets use their token symbol when the chain gave one.
 */
export function Alpha({
  amount,
  netuid,
  symbol,
  decimals = 4,
  testId,
}: {
  amount: bigint;
  netuid: number;
  symbol?: string | null;
  decimals?: number;
  testId?: string;
}) {
  if (netuid === 0) return <Tao rao={amount} decimals={decimals} {...(testId ? { testId } : {})} />;
  const unit = symbol || 'α';
  return (
    <Masked
      text={alpha(amount, decimals, unit)}
      full={alpha(amount, FULL_DECIMALS, unit)}
      tone={null}
      testId={testId}
    />
  );
}

/** A ratio shown as a signed percentage; `base` says what it is a percentage of (shown on hover). */
export function Pct({
  value,
  base,
  decimals = 2,
  tone = true,
  signed: withSign = true,
  testId,
}: {
  value: number | null;
  base?: string;
  decimals?: number;
  tone?: boolean;
  /** false: no "+" in front of a positive value (a volatility, never negative). */
  signed?: boolean;
  testId?: string;
}) {
  const text = pct(value, decimals, { signed: withSign });
  const full = value === null ? '—' : `${pct(value, 6, { signed: withSign })}${base ? ` of ${base}` : ''}`;
  return (
    <Masked
      text={text}
      full={full}
      tone={tone && value !== null ? toneOf(text, Math.sign(value)) : null}
      testId={testId}
    />
  );
}
