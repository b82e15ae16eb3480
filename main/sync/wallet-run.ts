// The in-memory state of one wallet's sync (what it is doing, how far, the change finder it keeps
// across runs) and the status the UI shows for it.
import type { SyncPhase, Wallet, WalletSyncStatus } from '../../shared/api';
import type { SyncStateRow } from '../db/repos/chain-facts';
import type { ChangeFinder } from './change-finder';

export interface WalletRun {
  wallet: Wallet;
  /** Kept across runs and connection drops, so discovery and cached reads are not redone. */
  finder: ChangeFinder | null;
  /** The shortest tempo of the subnets held at the last recorded head (null before one). */
  headTempo: number | null;
  running: Promise<void> | null;
  abort: AbortController | null;
  /** A newer finalized head arrived while running: run again afterwards. */
  again: boolean;
  cancelled: boolean;
  phase: SyncPhase;
  done: number;
  total: number;
  phaseStarted: number;
  error: string | null;
}

export function newWalletRun(wallet: Wallet, now: number): WalletRun {
  return {
    wallet,
    finder: null,
    headTempo: null,
    running: null,
    abort: null,
    again: false,
    cancelled: false,
    phase: 'waiting',
    done: 0,
    total: 0,
    phaseStarted: now,
    error: null,
  };
}

/** Records a progress report (a new phase restarts the ETA clock). */
export function reportProgress(run: WalletRun, phase: SyncPhase, done: number, total: number, now: number): void {
  if (run.phase !== phase) run.phaseStarted = now;
  run.phase = phase;
  run.done = done;
  run.total = total;
}

export interface StatusContext {
  stored: SyncStateRow | null;
  paused: boolean;
  following: boolean;
  /** The node answers right now. */
  connected: boolean;
  /** The finalized head this connection's node announced (null until it has announced one). */
  head: number | null;
  movedTo: WalletSyncStatus['movedTo'];
  now: number;
}

/**
 * How far behind the node's finalized head a following wallet may be and still be live: the newest
 * blocks are being recorded (a node may finalize a few blocks at once). Further behind, after a
 * reconnect say, it is catching up.
 */
export const LIVE_LAG_BLOCKS = 3;

/** The wallet has not been recorded up to (nearly) the node's finalized head, or that head is not known yet. */
function behind(c: StatusContext): boolean {
  const cursor = c.stored?.cursor ?? null;
  return c.head === null || cursor === null || cursor < c.head - LIVE_LAG_BLOCKS;
}

function phaseOf(r: WalletRun, c: StatusContext): SyncPhase {
  // A run whose node stopped answering is only retrying: it waits for the node, it is not scanning.
  // A run that has not reported progress yet still holds the last run's phase: never live while behind.
  if (r.running) return !c.connected ? 'waiting' : r.phase === 'live' && behind(c) ? 'waiting' : r.phase;
  if (c.paused) return 'paused';
  if (r.cancelled) return 'idle';
  if (r.error) return 'error';
  if (!c.stored) return 'waiting';
  if (!c.following) return 'idle';
  // Live only while the node answers and the wallet is recorded up to its finalized head: a dropped
  // or unreachable endpoint is waited for, and so is the catch-up run after a reconnect.
  return c.connected && !behind(c) ? 'live' : 'waiting';
}

export function walletStatus(r: WalletRun, c: StatusContext): WalletSyncStatus {
  const elapsed = c.now - r.phaseStarted;
  const etaMs =
    r.phase === 'recording' && r.done > 0 && r.total > r.done
      ? Math.round((elapsed / r.done) * (r.total - r.done))
      : null;
  return {
    walletId: r.wallet.id,
    address: r.wallet.address,
    phase: phaseOf(r, c),
    done: r.done,
    total: r.total,
    etaMs,
    cursor: c.stored?.cursor ?? null,
    firstBlock: c.stored?.firstBlock ?? null,
    lastFinalized: c.stored?.lastFinalized ?? null,
    error: r.error ?? c.stored?.error ?? null,
    historyFrom: c.stored?.historyFrom ?? null,
    movedTo: c.movedTo,
  };
}
