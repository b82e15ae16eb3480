/**
 * A figure's number text: without its unit (τ in front, or after a space an α or the subnet's own
 * token symbol, which may hold digits: "β1") and thousands separators.
 */
const numberText = (text: string) =>
  text
    .trim()
    .replace(/\s+\S*[^\d\s.,]\S*$/, '')
    .replace(/[τ,\s]/g, '');

/**
 * The amount a display text shows, as an integer of 9 decimals (rao / alpha-rao): "−1,029.0781 α",
 * "12.5 ζ", "τ233.535012345", "−τ0.0100". Throws on anything else, so a masked or missing figure fails loudly.
 */
export function parseAmount(text: string): bigint {
  const t = numberText(text).replace('−', '-');
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(t);
  if (!m) throw new Error(`not an amount: "${text}"`);
  const frac = (m[3] ?? '').padEnd(9, '0');
  const value = BigInt(m[2]!) * 1_000_000_000n + BigInt(frac);
  return m[1] ? -value : value;
}

/** |shown − exact| is within half a unit of the last decimal shown (rounding, not a different number). */
export function roundsTo(shownText: string, exact: bigint): boolean {
  const decimals = /\.(\d+)/.exec(numberText(shownText))?.[1]?.length ?? 0;
  const half = 10n ** BigInt(9 - decimals) / 2n;
  const diff = parseAmount(shownText) - exact;
  return (diff < 0n ? -diff : diff) <= half;
}
