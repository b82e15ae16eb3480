const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * UTC days (YYYY-MM-DD) as runs of consecutive days: ["2026-10-01 – 2026-10-03", "2026-10-07"].
 * Unsorted or repeated input is fine; invalid days are kept as they are, on their own.
 */
export function dayRanges(days: readonly string[]): string[] {
  const valid = [...new Set(days)].filter((d) => Number.isFinite(dayMs(d))).sort();
  const invalid = days.filter((d) => !Number.isFinite(dayMs(d)));
  const runs: string[] = [];
  let start: string | null = null;
  let prev: string | null = null;
  const close = () => {
    if (start !== null && prev !== null) runs.push(start === prev ? start : `${start} – ${prev}`);
  };
  for (const day of valid) {
    if (prev !== null && dayMs(day) - dayMs(prev) === DAY_MS) {
      prev = day;
      continue;
    }
    close();
    start = day;
    prev = day;
  }
  close();
  return [...runs, ...invalid];
}
