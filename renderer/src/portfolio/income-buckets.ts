import type { IncomeBucket } from '../../../shared/vocab';
import { utcMonth, utcMonthDay } from '../app/dates';

/** Short axis label of a bucket starting at `start` (UTC ms). */
export function bucketTick(start: number, bucket: IncomeBucket): string {
  // Formatters built once (app/dates): one per call showed in a bench:ui recompute, one per bar.
  return bucket === 'month' ? utcMonth(start, true) : utcMonthDay(start);
}
