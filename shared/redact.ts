// Endpoint URLs may carry credentials (wss://user:key@host/?apikey=…, or a key as a path segment).
// Everything shown — status, errors, settings as read by the UI, logs — uses the redacted form.

export const REDACTED = '***';

/** A path segment that looks like a key rather than a route (long run of key characters). */
const KEY_LIKE_SEGMENT = /^[A-Za-z0-9_-]{16,}$/;

export function redactEndpoint(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Not a URL: show nothing of it but its length, it may be a pasted secret.
    return `(${endpoint.length} characters, not a URL)`;
  }
  if (url.username) url.username = REDACTED;
  if (url.password) url.password = REDACTED;
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, REDACTED);
  url.pathname = url.pathname
    .split('/')
    .map((segment) => (KEY_LIKE_SEGMENT.test(segment) ? REDACTED : segment))
    .join('/');
  const redacted = url.href.replace(/%2A/gi, '*');
  // Nothing secret: show it exactly as the user wrote it.
  return redacted === new URL(endpoint).href ? endpoint : redacted;
}

export function hasSecrets(endpoint: string): boolean {
  return redactEndpoint(endpoint) !== endpoint;
}

/** Replace every occurrence of the endpoint (and its URL-normalised form) in a message. */
export function redactIn(message: string, endpoint: string): string {
  const shown = redactEndpoint(endpoint);
  let out = message.split(endpoint).join(shown);
  try {
    out = out.split(new URL(endpoint).href).join(shown);
  } catch {
    /* not a URL */
  }
  return out;
}
