// The object the renderer talks to: one method per contract channel plus push subscriptions.
// The Electron preload and the web host's WebSocket client both implement exactly this type.
import type { ApiResponse, ArgsOf, Channel, PushEventName, PushEvents, ResultOf } from './api';

export type ChannelMethods = { [C in Channel]: (args?: ArgsOf<C>) => Promise<ApiResponse<ResultOf<C>>> };

export interface TaofolioBridge extends ChannelMethods {
  /** Subscribe to a push event; returns the unsubscribe function. */
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

export const BRIDGE_GLOBAL = 'taofolio';
