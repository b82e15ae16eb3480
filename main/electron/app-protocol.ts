// The UI is served over a custom `app://taofolio/` scheme rather than file:// (Electron security
// checklist: file:// pages get privileges a web page would not have, and any local file shares
// their origin). Only files inside the built renderer folder are served, with the same headers as
// the web host. Pure apart from reading the renderer folder, so it is unit-tested without Electron.
import { CSP_HEADER } from '../../shared/csp';
import { readStatic } from '../host/static';

export const APP_SCHEME = 'app';
export const APP_HOST = 'taofolio';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    // standard: real origin and relative URLs; secure: treated like https. Nothing else is granted.
    privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false },
  },
];

export async function serveAppRequest(rendererDir: string, requestUrl: string, method = 'GET'): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405 });
  const file = await readStatic(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: {
      'content-type': file.type,
      'content-security-policy': CSP_HEADER,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    },
  });
}
