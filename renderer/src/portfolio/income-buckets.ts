import type { IncomeBucket } from '../../../shared/vocab';

/** Short axis label of a bucket starting at `start` (UTC ms). */
export function bucketTick(start: number, bucket: IncomeBucket): string {
  const d = new Date(start);
  return bucket === 'month'
    ? d.toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' })
    : d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}
