// Every read sync makes is retried with backoff when the failure is transient: a dropped or
// stalled connection (reconnecting first) or a server error. Work already done stays in memory
// (the change finder and its cached reads), so a drop costs only the requests that were in flight.
import { ChainError, toChainError, type ChainClient } from '../chain/client';

/** Waits between attempts; about 25 s in all before a read is given up. */
export const RETRY_DELAYS_MS = [100, 250, 500, 1_000, 2_000, 4_000, 8_000, 8_000];

/** JSON-RPC codes that no retry can fix: unknown method, invalid parameters. */
const PERMANENT_RPC_CODES = new Set([-32601, -32602]);

export function isTransient(error: unknown): boolean {
  if (!(error instanceof ChainError)) return false;
  if (error.code === 'unreachable') return true;
  if (error.code !== 'rpc-error') return false;
  return !(error.rpcCode !== undefined && PERMANENT_RPC_CODES.has(error.rpcCode));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RetryStats {
  /** Reads that failed transiently and were tried again. */
  retries: number;
}

/**
 * Runs `read` until it succeeds, a failure is not transient, or the delays are used up. Before each
 * attempt the client is (re)connected: after a drop the CLI's client does not reconnect by itself.
 */
export async function withRetries<T>(
  client: ChainClient,
  what: string,
  read: () => Promise<T>,
  stats?: RetryStats,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (!client.isConnected) await client.connect();
      return await read();
    } catch (raw) {
      const error = raw instanceof ChainError ? raw : toChainError(raw, what);
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isTransient(error)) throw error;
      if (stats) stats.retries += 1;
      await sleep(delay);
    }
  }
}

/**
 * Connects, trying again as a read would when the node answered but failed while the connection was
 * made (an RPC error as it served the metadata PJS loads first). A node that does not answer at all
 * still fails at once: a wrong endpoint is said without waiting.
 */
export async function connectRetrying(client: ChainClient, stats?: RetryStats): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await client.connect();
      return;
    } catch (raw) {
      const error = raw instanceof ChainError ? raw : toChainError(raw, 'the connection');
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || error.code !== 'rpc-error' || !isTransient(error)) throw error;
      if (stats) stats.retries += 1;
      await sleep(delay);
    }
  }
}
