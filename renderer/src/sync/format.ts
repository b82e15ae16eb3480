import type { ChainStatus, WalletSyncStatus } from '../../../shared/api';

export function etaText(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return m < 60 ? `about ${m} min left` : `about ${Math.round(m / 60)} h left`;
}

export const PHASE_LABEL: Record<WalletSyncStatus['phase'], string> = {
  idle: 'Up to date',
  waiting: 'Waiting for the endpoint',
  discovering: 'Finding positions',
  scanning: 'Finding stake changes',
  recording: 'Recording history',
  live: 'Live',
  paused: 'Paused',
  error: 'Sync problem',
};

export function chainLabel(chain: ChainStatus): string {
  switch (chain.state) {
    case 'connected':
      return chain.bestFinalized !== null
        ? `Connected · block #${chain.bestFinalized.toLocaleString('en')}`
        : 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'disconnected':
      return 'Reconnecting…';
    case 'error':
      return chain.code === 'wrong-chain' ? 'Wrong chain' : 'Cannot reach endpoint';
    case 'idle':
      return 'Not connected';
  }
}

/** 0..1 while recording history, null when there is no measurable progress. */
export function fraction(w: WalletSyncStatus): number | null {
  if (w.phase !== 'recording' || w.total === 0) return null;
  return Math.min(1, w.done / w.total);
}
