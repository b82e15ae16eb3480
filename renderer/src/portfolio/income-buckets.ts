// Emission income per day, week (Monday, UTC) or month, from the daily series' per-period income.
import type { BarDatum } from '../charts/chart-data';

export const BUCKETS = {
  day: { label: 'Day' },
  week: { label: 'Week' },
  month: { label: 'Month' },
} as const;
export type BucketId = keyof typeof BUCKETS;
export const bucketIds = Object.keys(BUCKETS) as BucketId[];

const DAY_MS = 86_400_000;

function bucketStart(t: number, bucket: BucketId): number {
  const d = new Date(t);
  const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  switch (bucket) {
    case 'day':
      return day;
    case 'week':
      return day - ((d.getUTCDay() + 6) % 7) * DAY_MS;
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

export function incomeBuckets(points: readonly { t: number; incomeInPeriod: bigint }[], bucket: BucketId): BarDatum[] {
  const out: BarDatum[] = [];
  for (const p of points) {
    const start = bucketStart(p.t, bucket);
    const last = out.at(-1);
    if (last && last.t === start) last.value = (last.value ?? 0n) + p.incomeInPeriod;
    else
      out.push({
        t: start,
        label: bucketLabel(start, bucket),
        tick: bucketTick(start, bucket),
        value: p.incomeInPeriod,
      });
  }
  return out;
}

function iso(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function bucketLabel(start: number, bucket: BucketId): string {
  switch (bucket) {
    case 'day':
      return iso(start);
    case 'week':
      return `Week of ${iso(start)}`;
    case 'month':
      return iso(start).slice(0, 7);
  }
}

function bucketTick(start: number, bucket: BucketId): string {
  const d = new Date(start);
  return bucket === 'month'
    ? d.toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' })
    : d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
