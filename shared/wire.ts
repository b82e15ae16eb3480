// JSON encoding that keeps bigint amounts exact across the WebSocket transport.
// (Electron IPC uses structured clone, which carries bigint natively.)

const BIGINT_TAG = '$bigint';

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [BIGINT_TAG]: v.toString() } : v));
}

export function fromWire<T = unknown>(text: string): T {
  // A plain parse and one walk are about twice as fast as a reviver, which JSON.parse calls for every
  // value: the page's socket worker decodes megabytes per recompute (bench:ui) on the cores the page
  // draws with.
  return revive(JSON.parse(text)) as T;
}

/** Tagged bigints ({"$bigint": "digits"} and nothing else) back to bigint, in place. */
function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      const revived = revive(item);
      if (revived !== item) v[i] = revived;
    }
    return v;
  }
  const obj = v as Record<string, unknown>;
  const tagged = obj[BIGINT_TAG];
  if (typeof tagged === 'string' && Object.keys(obj).length === 1 && /^-?\d+$/.test(tagged)) return BigInt(tagged);
  for (const key of Object.keys(obj)) {
    const field = obj[key];
    const revived = revive(field);
    if (revived !== field) obj[key] = revived;
  }
  return obj;
}
