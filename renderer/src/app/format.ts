export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address;
}

const UNIT = 1_000_000_000n;
/** Decimals of a 9-decimal integer amount (rao, alpha-rao): the full precision shown on hover. */
export const FULL_DECIMALS = 9;

/**
 * Exact fixed-point rendering of an integer amount with `scale` decimals (9: rao, alpha-rao; 8: fiat
 * units), rounded half away from zero to `decimals`.
 */
export function formatUnits(value: bigint, decimals = 4, scale = 9): string {
  const negative = value < 0n;
  const shown = Math.min(decimals, scale);
  const unit = scale === 9 ? UNIT : 10n ** BigInt(scale);
  const rounded = roundUnits(negative ? -value : value, decimals, scale);
  const whole = rounded / unit;
  const frac = (rounded % unit).toString().padStart(scale, '0').slice(0, shown);
  // Thousands separators by hand: BigInt#toLocaleString builds an Intl formatter per call (slow in tables).
  const wholeText = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative && rounded !== 0n ? '−' : ''}${wholeText}${shown > 0 ? '.' + frac : ''}`;
}

/** An integer amount with `scale` decimals rounded half away from zero to `decimals`, as formatUnits shows it. */
export function roundUnits(value: bigint, decimals = 4, scale = 9): bigint {
  const step = 10n ** BigInt(scale - Math.min(decimals, scale));
  const abs = value < 0n ? -value : value;
  const rounded = ((abs + step / 2n) / step) * step;
  return value < 0n ? -rounded : rounded;
}

/** A count with its noun in the right number: "1 day", "3 days", "1,200 days". */
export const counted = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A count of days and the verb that follows it: "1 day has", "3 days have". */
export const daysHave = (n: number) => `${counted(n, 'day')} ${n === 1 ? 'has' : 'have'}`;

/**
 * The decimals, from `decimals` up to `scale`, at which an amount that is not zero shows a non-zero
 * digit: a dividend of 0.000000001 shares reads "0.000000001", never a bare "0.0000".
 */
export function nonZeroDecimals(value: bigint, decimals = 4, scale = 9): number {
  const abs = value < 0n ? -value : value;
  let shown = Math.min(decimals, scale);
  // Until a digit shows without rounding up: 0.000000005 is not shown as 0.00000001, twice itself.
  while (abs !== 0n && shown < scale && abs < 10n ** BigInt(scale - shown)) shown++;
  return shown;
}

/** τ amount with the sign in front of the symbol: −τ0.0100. */
export function tao(rao: bigint, decimals = 4): string {
  const text = formatUnits(rao, decimals);
  return text.startsWith('−') ? `−τ${text.slice(1)}` : `τ${text}`;
}

/** An α amount with its unit: the subnet's token symbol when known, else α. */
export const alpha = (a: bigint, decimals = 4, symbol = 'α') => `${formatUnits(a, decimals)} ${symbol}`;

/** Fiat amounts arrive in 1e-8 units of the currency: "1,234.56 USD". */
export const FIAT_SCALE = 8;
export function fiat(units: bigint, code: string, decimals = 2): string {
  return `${formatUnits(units, decimals, FIAT_SCALE)} ${code}`;
}

/**
 * A change in τ: "+τ0.0100", "−τ0.0100", and one that rounds to zero "±τ0.0000" (whichever side of
 * zero), signed like its column's other figures.
 */
export function signed(rao: bigint, decimals = 4): string {
  const text = tao(rao, decimals);
  return !/[1-9]/.test(text) ? `±${text}` : rao > 0n ? `+${text}` : text;
}

/** A ratio as a percentage: "+10.00%", "−6.68%", "0.00%"; `signed: false` drops the "+" (a volatility). */
export function pct(value: number | null, decimals = 2, options: { signed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${ratio(value * 100, decimals, options)}%`;
}

/**
 * A plain number (a Sharpe ratio, a percentage's digits) with the sign as the amounts write it: "−"
 * (U+2212, not toFixed's hyphen) in front of a negative one, "+" in front of a positive one unless
 * `signed: false`, and neither when it rounds to zero ("0.00", never "-0.00").
 */
export function ratio(value: number | null, decimals = 2, { signed = true }: { signed?: boolean } = {}): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const text = Math.abs(value).toFixed(decimals);
  if (!/[1-9]/.test(text)) return (0).toFixed(decimals);
  return value < 0 ? `−${text}` : signed ? `+${text}` : text;
}

/** A file's size as people read it: "812 kB", "1.7 MB", "2.3 GB" (1000-based, as file managers show it). */
export function fileSize(bytes: number): string {
  // Each unit up to where it would round to 1000 of itself ("1000 kB" reads as "1.0 MB").
  if (bytes < 999_500) return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
  if (bytes < 999_950_000) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/** A τ amount for chart axes: τ1.2k, τ950, −τ3.4M (display only; the float is never used for money). */
export function compactTao(rao: bigint | number): string {
  const v = typeof rao === 'bigint' ? Number(rao) / 1e9 : rao / 1e9;
  const text = compactAbs(v);
  return v < 0 && text !== '0' ? `−τ${text}` : `τ${text}`;
}

/**
 * A fiat value (whole currency units) for an axis: "−1.2k USD", the code after a no-break space: the
 * charts' axis labels break lines at spaces, and "−100k USD" wrapped into two in a 84 px axis.
 */
export function compactFiat(value: number, code: string): string {
  const text = compactAbs(value);
  return `${value < 0 && text !== '0' ? '−' : ''}${text}\u00a0${code}`;
}

/** |v| in three significant digits at most, with k / M / B. */
function compactAbs(v: number): string {
  const abs = Math.abs(v);
  const [div, suffix] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  const scaled = abs / div;
  const digits = scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2;
  const fixed = scaled.toFixed(digits);
  return `${digits > 0 ? fixed.replace(/\.?0+$/, '') : fixed}${suffix}`;
}

/** What privacy mode shows instead of a number: fixed width, so neither digits, sign nor size leak. */
export const MASK = '•••••';

/** Replace every number in a display text (with its sign) by the mask; units and words stay. */
export function maskDigits(text: string): string {
  return text.replace(/[+−±-]?([τ$€£¥]?)[+−±-]?\d(?:[\d,.\s]*\d)?/g, `$1${MASK}`);
}
