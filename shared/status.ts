// Status types carried by the contract (./api): chain connection, sync, valuations and database safety.
import type { ChainErrorCode } from './vocab';

// ---------------------------------------------------------------------------------------------
// Chain connection and sync (main/chain, main/sync)

export interface ChainStatus {
  state: 'idle' | 'connecting' | 'connected' | 'disconnected' | 'error';
  /** The configured endpoint, credentials removed (null: none chosen yet). */
  endpoint: string | null;
  /** Human-readable problem (unreachable, wrong chain, …), null when fine. */
  message: string | null;
  code: ChainErrorCode | null;
  specVersion: number | null;
  bestFinalized: number | null;
}

export type SyncPhase = 'idle' | 'waiting' | 'discovering' | 'scanning' | 'recording' | 'live' | 'paused' | 'error';

export interface WalletSyncStatus {
  walletId: number;
  address: string;
  phase: SyncPhase;
  /** Units of the current phase done / total (blocks to record while backfilling). */
  done: number;
  total: number;
  /** Estimated ms left, null when unknown. */
  etaMs: number | null;
  /** Last block whose facts are fully recorded. */
  cursor: number | null;
  /** First block of recorded history (null before the first backfill). */
  firstBlock: number | null;
  lastFinalized: number | null;
  /** Problem to show (e.g. pruned node: history needs an archive node). */
  error: string | null;
  /** History before this block could not be read (pruned node); null when complete. */
  historyFrom: number | null;
  /**
   * The chain moved this coldkey's stake to another coldkey (a coldkey swap) at `block`: the app
   * offers to follow `coldkey`, whose history then carries this one's over. Null when it did not.
   */
  movedTo: { coldkey: string; block: number } | null;
}

export interface SyncStatus {
  chain: ChainStatus;
  paused: boolean;
  wallets: WalletSyncStatus[];
}

/** What a connection test found at an endpoint (nothing is saved, the connection is closed after). */
export interface EndpointProbe {
  /** The endpoint tested, credentials removed. */
  endpoint: string;
  /** Reachable, finney, and readable. */
  ok: boolean;
  code: ChainErrorCode | null;
  message: string | null;
  /** `system_chain`, e.g. "Bittensor". */
  chain: string | null;
  genesis: string | null;
  /** Node software name and version (`system_name`, `system_version`). */
  node: string | null;
  specName: string | null;
  specVersion: number | null;
  finalized: number | null;
  /** Whether old state is kept: archive (full history), pruned (recent blocks only), or unknown. */
  history: 'archive' | 'pruned' | 'unknown' | null;
  /** Round trip of one request, ms. */
  latencyMs: number | null;
}

/** Which days the fiat figures and exports need a TAO price for and do not have one. */
export interface FiatCoverage {
  currency: string;
  /** Days with an imported price. */
  imported: number;
  /** Export rows with a TAO value to convert (trades, rewards, fees), and how many of them lack a price. */
  rowsNeedingPrice: number;
  rowsWithoutPrice: number;
  /** UTC days (YYYY-MM-DD) without a price that a row or a current value needs; empty when none is imported. */
  missingDays: string[];
}

/** How current the valuations are: the newest pool prices recorded, against the chain head known. */
export interface ValuationFreshness {
  /** Block (and its time, unix ms) of the newest subnet snapshot; null before any. */
  pricesBlock: number | null;
  pricesTimestamp: number | null;
  /** The newest finalized block any wallet's sync has seen (when offline: the last one known). */
  headBlock: number | null;
}

/** A validator's on-chain name: its owner coldkey's identity (docs/chain/identities.md). */
export interface ValidatorIdentity {
  hotkey: string;
  owner: string | null;
  /** Null when the owner has no identity. */
  name: string | null;
  /** The block it was read at. */
  block: number;
}

// ---------------------------------------------------------------------------------------------
// Database safety (main/db): backups, restore, recovery at open

export type BackupKind = 'daily' | 'migration' | 'manual' | 'before-restore';

export interface BackupInfo {
  /** File name inside the data folder's backups/ (the only way to name one: no paths). */
  name: string;
  kind: BackupKind;
  /** Unix ms. */
  createdAt: number;
  bytes: number;
}

/** What happened to a damaged database found at open. */
export interface DatabaseRecovery {
  reason: string;
  /** Where the damaged file was moved (kept, never deleted). */
  movedTo: string;
  /** The newest backup that passed its check, offered for restore. */
  offered: BackupInfo | null;
}

export interface BackupsState {
  backups: BackupInfo[];
  recovery: DatabaseRecovery | null;
  /** A restore is staged and applies at the next start. */
  restorePending: boolean;
  /** Notices from opening the database (e.g. a read-only data folder). */
  notices: string[];
}

// ---------------------------------------------------------------------------------------------
// Encryption at rest (main/session.ts, main/db/encryption.ts)

export interface SecurityStatus {
  /** The database file is encrypted with a passphrase. */
  encrypted: boolean;
  /** Encrypted and not open: every channel but security:* answers `locked` until it is unlocked. */
  locked: boolean;
  /** An unlocked encrypted database locks after this many minutes without user activity; 0: never. */
  lockAfterMinutes: number;
}
