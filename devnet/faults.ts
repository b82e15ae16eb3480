/** Fault injection, switchable per run and at runtime. Rates are probabilities per request/block. */
export interface Faults {
  /** added delay before every response, ms */
  latencyMs?: number;
  /** probability that a request makes the server drop the connection instead of answering */
  dropRate?: number;
  /** probability of answering a request with a JSON-RPC error */
  errorRate?: number;
  /** state older than 256 blocks below head answers 4003 "State already discarded" */
  pruned?: boolean;
  /** probability per produced live block of a reorg of the non-finalized blocks */
  reorgRate?: number;
  /** methods whose next request answers the injected error, each listed once per error (consumed) */
  errorOnce?: string[];
}

export const PRUNING_DEPTH = 256;

export const INJECTED_ERROR = { code: -32603, message: 'Internal error (devnet fault injection)' };

export function stateDiscarded(hash: string) {
  return { code: 4003, message: `Client error: Api called for an unknown Block: State already discarded for ${hash}` };
}
