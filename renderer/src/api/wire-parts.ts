// A large decoded answer crosses from the socket worker (./socket-worker.ts) to the page in parts: the page deserialises
// each postMessage in one task, and a 2.4 MB portfolio view in one message was a ~90 ms task
// (bench/ui.ts, a recompute's longest task). Long arrays inside objects (positions, daily points,
// income buckets) travel as slices of CHUNK_ITEMS, each in its own message, and are joined again.

/** Items per slice: a slice of daily points or positions is some 100–200 kB of objects. */
export const CHUNK_ITEMS = 48;
/** Objects deeper than this are sent whole (the views' long arrays sit a few levels down). */
const MAX_DEPTH = 6;

/** Where a long array was taken out of the value, and how many slices it travels in. */
export interface SplitArray {
  path: string[];
  slices: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Takes every array longer than `chunk` that is a field of an object (not an array's item) out of
 * `value` (left empty in place) and returns them as slices, in the order of `arrays`. Mutates `value`.
 */
export function splitLongArrays(value: unknown, chunk = CHUNK_ITEMS): { arrays: SplitArray[]; slices: unknown[][] } {
  const arrays: SplitArray[] = [];
  const slices: unknown[][] = [];
  const visit = (obj: Record<string, unknown>, path: string[], depth: number) => {
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (Array.isArray(v) && v.length > chunk) {
        const n = Math.ceil(v.length / chunk);
        for (let i = 0; i < n; i++) slices.push(v.slice(i * chunk, (i + 1) * chunk));
        arrays.push({ path: [...path, key], slices: n });
        obj[key] = [];
      } else if (isObject(v) && depth < MAX_DEPTH) visit(v, [...path, key], depth + 1);
    }
  };
  if (isObject(value)) visit(value, [], 0);
  return { arrays, slices };
}

/** Puts the slices back where splitLongArrays took them from. Mutates `value`. */
export function joinLongArrays(value: unknown, arrays: readonly SplitArray[], slices: readonly unknown[][]): unknown {
  let next = 0;
  for (const { path, slices: n } of arrays) {
    let obj = value as Record<string, unknown>;
    for (const key of path.slice(0, -1)) obj = obj[key] as Record<string, unknown>;
    obj[path.at(-1)!] = ([] as unknown[]).concat(...slices.slice(next, next + n));
    next += n;
  }
  return value;
}
