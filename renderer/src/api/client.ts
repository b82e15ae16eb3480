// How the UI reaches the backend: the Electron preload's bridge if present, else the web host's
// WebSocket. Nothing else in the renderer knows which transport it has.
import {
  ApiCallError,
  resultOf,
  type ApiResponse,
  type ArgsOf,
  type Channel,
  type PushEventName,
  type PushEvents,
  type ResultOf,
} from '../../../shared/api';
import { BRIDGE_GLOBAL, type TaofolioBridge } from '../../../shared/bridge';
import { takeToken } from './token';
import { createWebBridge, type HostLink, type WebBridge } from './web-bridge';

export type { HostLink } from './web-bridge';

declare global {
  interface Window {
    [BRIDGE_GLOBAL]?: TaofolioBridge;
  }
}

let bridge: TaofolioBridge | null = null;
let webBridge: WebBridge | null = null;

function getBridge(): TaofolioBridge {
  if (bridge) return bridge;
  const injected = window[BRIDGE_GLOBAL];
  if (injected) {
    bridge = injected;
  } else {
    const token = takeToken();
    if (!token)
      throw new ApiCallError({
        code: 'internal',
        message: 'Missing access token: open the URL printed by `npm run web`.',
      });
    webBridge = createWebBridge(token);
    bridge = webBridge;
  }
  return bridge;
}

export { ApiCallError };

/** Call a channel; resolves with its data or throws ApiCallError. */
export async function send<C extends Channel>(channel: C, args?: ArgsOf<C>): Promise<ResultOf<C>> {
  const method = getBridge()[channel] as (a?: ArgsOf<C>) => Promise<ApiResponse<unknown>>;
  return resultOf(channel, await method(args));
}

export function listen<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
  return getBridge().on(event, listener);
}

/** The link to the backend host: always open in Electron (same process tree), tracked over the web. */
export function listenHostLink(listener: (link: HostLink) => void): () => void {
  getBridge();
  if (!webBridge) {
    listener({ state: 'open' });
    return () => {};
  }
  return webBridge.onHostLink(listener);
}
