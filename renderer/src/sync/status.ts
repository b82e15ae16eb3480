// What the sync status means, in words that are true: "Live" only while the node answers, "Paused"
// while paused (whatever the socket does), and how far the valuations' prices lag the chain head.
import type { SyncStatus, ValuationFreshness, WalletSyncStatus } from '../../../shared/api';
import { CHAIN_ERROR_CODES } from '../../../shared/vocab';

export type Tone = 'ok' | 'busy' | 'paused' | 'problem' | 'idle';

export interface StatusView {
  tone: Tone;
  label: string;
  detail: string | null;
}

const block = (n: number) => `#${n.toLocaleString('en')}`;

/** The connection as a whole (sidebar, Settings). */
export function connectionView(status: SyncStatus): StatusView {
  const { chain } = status;
  if (status.paused)
    return { tone: 'paused', label: 'Sync paused', detail: 'Not following new blocks; resume to catch up.' };
  switch (chain.state) {
    case 'connected':
      return {
        tone: 'ok',
        label: chain.bestFinalized !== null ? `Connected · block ${block(chain.bestFinalized)}` : 'Connected',
        detail: chain.message,
      };
    case 'connecting':
      return { tone: 'busy', label: 'Connecting…', detail: chain.message };
    case 'disconnected':
      return { tone: 'problem', label: 'Reconnecting…', detail: chain.message };
    case 'error':
      return {
        tone: 'problem',
        label: chain.code ? CHAIN_ERROR_CODES[chain.code].label : 'Cannot reach endpoint',
        detail: chain.message,
      };
    case 'idle':
      return { tone: 'idle', label: 'Not connected', detail: chain.message };
  }
}

/**
 * The block a wallet's recorded history begins at, as the engine takes it (`historyStarts` in
 * main/db/repos/ledger-facts.ts): the block before its first stake change, or where a pruned node's
 * history starts. Stake held there is its opening balance; null while no change was found.
 */
function historyStart(w: WalletSyncStatus): number | null {
  if (w.historyFrom !== null) return w.historyFrom;
  return w.firstBlock === null ? null : w.firstBlock - 1;
}

/** Where the wallet's history begins (what its opening balance is measured at) and how far it is recorded. */
function recorded(w: WalletSyncStatus): string | null {
  if (w.cursor === null) return null;
  const start = historyStart(w);
  const from = start === null ? 'No stake change found yet' : `History from block ${block(start)}`;
  return `${from} · recorded up to block ${block(w.cursor)}.`;
}

/** One wallet (Wallets page): never "Live" unless the node answers right now. */
export function walletView(w: WalletSyncStatus, status: SyncStatus): StatusView {
  if (status.paused || w.phase === 'paused') return { tone: 'paused', label: 'Paused', detail: recorded(w) };
  const connected = status.chain.state === 'connected';
  const why = connectionView(status);
  switch (w.phase) {
    case 'live':
      return connected
        ? { tone: 'ok', label: 'Live', detail: recorded(w) }
        : { tone: 'problem', label: `Not following: ${why.label.toLowerCase()}`, detail: recorded(w) };
    case 'waiting':
      return connected
        ? { tone: 'busy', label: 'Waiting to sync', detail: recorded(w) }
        : {
            tone: why.tone === 'idle' ? 'idle' : 'problem',
            label: why.tone === 'idle' ? 'Not syncing' : `Waiting: ${why.label.toLowerCase()}`,
            detail: why.tone === 'idle' ? (status.chain.message ?? recorded(w)) : recorded(w),
          };
    case 'idle':
      return { tone: 'idle', label: 'Not following new blocks', detail: recorded(w) };
    case 'discovering':
      return { tone: 'busy', label: 'Finding positions', detail: null };
    case 'scanning':
      return { tone: 'busy', label: 'Finding stake changes', detail: null };
    case 'recording':
      return { tone: 'busy', label: 'Recording history', detail: null };
    case 'error':
      return { tone: 'problem', label: 'Sync problem', detail: w.error };
  }
}

const BLOCK_SECONDS = 12;
/** Below this the prices are as good as current: live following refreshes them about once a tempo (360 blocks, 72 min). */
export const FRESH_BLOCKS = 360;

export function durationText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${Math.max(1, minutes)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

/**
 * A note when the pool prices behind every valuation are older than the chain head; null when current.
 * `liveHead` is the finalized head the connection reports now (it moves on while sync is paused).
 */
export function freshnessNote(f: ValuationFreshness | undefined, liveHead: number | null = null): string | null {
  if (!f || f.pricesBlock === null) return null;
  const heads = [f.headBlock, liveHead].filter((n): n is number => n !== null);
  if (heads.length === 0) return null;
  const head = Math.max(...heads);
  const lag = head - f.pricesBlock;
  if (lag < FRESH_BLOCKS) return null;
  return `Values use pool prices from block ${block(f.pricesBlock)}, about ${durationText(lag * BLOCK_SECONDS)} before the chain head (${block(head)}).`;
}
