import type { IncomeBucket } from '../../../shared/vocab';

// Built once: toLocaleDateString with options builds a formatter on every call, one per bar of the
// income chart (a trace of a bench:ui recompute: 7 of 80 samples of a 15 ms task, the rest its GC).
const MONTH = new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Short axis label of a bucket starting at `start` (UTC ms). */
export function bucketTick(start: number, bucket: IncomeBucket): string {
  // format throws on an invalid date, where toLocaleDateString said so.
  return Number.isNaN(new Date(start).getTime()) ? 'Invalid Date' : (bucket === 'month' ? MONTH : DAY).format(start);
}
