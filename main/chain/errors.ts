// Chain failures as the UI and CLI show them, and the classification of raw JSON-RPC errors.
import type { ChainErrorCode } from '../../shared/vocab';

/** A chain failure the UI and CLI show as-is. */
export class ChainError extends Error {
  constructor(
    readonly code: ChainErrorCode,
    message: string,
    readonly rpcCode?: number,
  ) {
    super(message);
    this.name = 'ChainError';
  }
}

/** JSON-RPC 4003 "State already discarded" (PJS formats errors as "code: message"). */
const PRUNED = /^4003:|State already discarded/i;

export function isPrunedError(error: unknown): boolean {
  if (error instanceof ChainError) return error.code === 'pruned';
  return PRUNED.test((error as Error | undefined)?.message ?? '');
}

/** Raw JSON-RPC errors from PJS come back as Error("code: message"); classify them. */
export function toChainError(error: unknown, what: string): ChainError {
  if (error instanceof ChainError) return error;
  const message = (error as Error | undefined)?.message ?? String(error);
  if (PRUNED.test(message)) {
    return new ChainError(
      'pruned',
      `The node no longer has the state for ${what}: full history needs an archive node (${message}).`,
      4003,
    );
  }
  if (/disconnected|WebSocket is not connected|No response received|closed/i.test(message)) {
    return new ChainError('unreachable', `Lost the connection while reading ${what}: ${message}`);
  }
  const code = /^(-?\d+):/.exec(message)?.[1];
  return new ChainError('rpc-error', `The node refused ${what}: ${message}`, code ? Number(code) : undefined);
}
