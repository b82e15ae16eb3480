// The UI's Content-Security-Policy, written once: the renderer's <meta> tag (injected at build by
// vite.config.ts) and the web host's response header both come from here. No remote origin anywhere.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** For the <meta> tag (browsers ignore frame-ancestors there). */
export const CSP_META = DIRECTIVES.join('; ');

/** For HTTP responses: the same policy, and no framing by any page. */
export const CSP_HEADER = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');
