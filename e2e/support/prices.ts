/** A TAO/USD price for every day of 2026 and 2027 (varying, so a day's price matters): 300 + (day % 13) × 7.25. */
export function priceCsv(): string {
  const rows = ['date,price'];
  for (let t = Date.UTC(2026, 0, 1), i = 0; t < Date.UTC(2028, 0, 1); t += 86_400_000, i++)
    rows.push(`${new Date(t).toISOString().slice(0, 10)},${300 + (i % 13) * 7.25}`);
  return `${rows.join('\n')}\n`;
}
