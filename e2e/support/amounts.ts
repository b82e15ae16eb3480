/**
 * The amount a display text shows, as an integer of 9 decimals (rao / alpha-rao): "−1,029.0781 α",
 * "τ233.535012345", "−τ0.0100". Throws on anything else, so a masked or missing figure fails loudly.
 */
export function parseAmount(text: string): bigint {
  const t = text.replace(/[τα,\s]/g, '').replace('−', '-');
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?$/.exec(t);
  if (!m) throw new Error(`not an amount: "${text}"`);
  const frac = (m[3] ?? '').padEnd(9, '0');
  const value = BigInt(m[2]!) * 1_000_000_000n + BigInt(frac);
  return m[1] ? -value : value;
}

/** |shown − exact| is within half a unit of the last decimal shown (rounding, not a different number). */
export function roundsTo(shownText: string, exact: bigint): boolean {
  const decimals = /\.(\d+)/.exec(shownText.replace(/[τα,\s]/g, ''))?.[1]?.length ?? 0;
  const half = 10n ** BigInt(9 - decimals) / 2n;
  const diff = parseAmount(shownText) - exact;
  return (diff < 0n ? -diff : diff) <= half;
}
