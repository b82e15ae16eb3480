// What the client learns from each request sent through its provider (main/chain/client.ts).
import type { WsProvider } from '@polkadot/api';

/** PJS's rejection of a request whose answer did not come in time. */
const noResponse = (error: unknown): boolean => /No response received from RPC endpoint/i.test(String(error));

export interface SendWatch {
  /** Requests sent, by method; PJS's own included (metadata, registries, subscriptions). */
  counts: Map<string, number>;
  /**
   * The node answered a request (the backoff's sign of a working connection). A subscription's
   * answer is not one: it is only the subscription's id, which a node that fails right after gives
   * too (the app subscribes to heads as soon as it connects).
   */
  answered: () => void;
  /** A request was left unanswered past the provider's timeout. */
  unanswered: (method: string) => void;
}

/** Routes every request of `provider` through `watch`. */
export function watchSend(provider: WsProvider, watch: SendWatch): void {
  const send = provider.send.bind(provider);
  // WsProvider.subscribe sends through this.send(method, params, isCacheable, subscription).
  provider.send = ((method: string, params: unknown[], isCacheable?: boolean, subscription?: unknown) => {
    watch.counts.set(method, (watch.counts.get(method) ?? 0) + 1);
    const sent = (send as (...a: unknown[]) => Promise<unknown>)(method, params, isCacheable, subscription);
    sent.then(
      () => subscription === undefined && watch.answered(),
      (e: unknown) => noResponse(e) && watch.unanswered(method),
    );
    return sent;
  }) as typeof provider.send;
}
