import type { WalletSyncStatus } from '../../../shared/api';

export function etaText(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return m < 60 ? `about ${m} min left` : `about ${Math.round(m / 60)} h left`;
}

/** 0..1 while recording history, null when there is no measurable progress. */
export function fraction(w: WalletSyncStatus): number | null {
  if (w.phase !== 'recording' || w.total === 0) return null;
  return Math.min(1, w.done / w.total);
}
