// JSON encoding that keeps bigint amounts exact across the WebSocket transport.
// (Electron IPC uses structured clone, which carries bigint natively.)

const BIGINT_TAG = '$bigint';

export function toWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? { [BIGINT_TAG]: v.toString() } : v));
}

export function fromWire<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const tagged = (v as Record<string, unknown>)[BIGINT_TAG];
      if (typeof tagged === 'string' && Object.keys(v).length === 1 && /^-?\d+$/.test(tagged)) return BigInt(tagged);
    }
    return v;
  }) as T;
}
