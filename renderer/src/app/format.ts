export function shortAddress(address: string): string {
  return address.length > 16 ? `${address.slice(0, 8)}…${address.slice(-6)}` : address;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

const UNIT = 1_000_000_000n;

/** Exact fixed-point rendering of a 9-decimal integer amount, rounded half away from zero. */
export function formatUnits(value: bigint, decimals = 4): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const step = 10n ** BigInt(9 - decimals);
  const rounded = ((abs + step / 2n) / step) * step;
  const whole = rounded / UNIT;
  const frac = (rounded % UNIT).toString().padStart(9, '0').slice(0, decimals);
  const wholeText = whole.toLocaleString('en-US');
  return `${negative && rounded !== 0n ? '−' : ''}${wholeText}${decimals > 0 ? '.' + frac : ''}`;
}

/** τ amount with the sign in front of the symbol: −τ0.0100. */
export function tao(rao: bigint, decimals = 4): string {
  const text = formatUnits(rao, decimals);
  return text.startsWith('−') ? `−τ${text.slice(1)}` : `τ${text}`;
}
export const alpha = (a: bigint, decimals = 4) => `${formatUnits(a, decimals)} α`;

export function signed(rao: bigint, decimals = 4): string {
  return rao > 0n ? `+${tao(rao, decimals)}` : tao(rao, decimals);
}

export function pct(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const p = value * 100;
  return `${p > 0 ? '+' : ''}${p.toFixed(2)}%`;
}
