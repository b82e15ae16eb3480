// Charts that redraw only when what they plot changes. Every recompute (another cost-basis method,
// reward treatment, range) brings a whole new answer from the backend, so each chart gets new objects
// even where its data is the same: a method changes realized figures and cost basis, never the value
// series, the allocation at spot value or the emission income. A chart render costs tens of ms of
// main thread (recharts' own store re-renders it synchronously after each commit; bench:ui's
// recompute), while comparing a year of daily points costs well under one.
import { memo, type FunctionComponent } from 'react';

/**
 * Whether two values hold the same data: primitives (bigint amounts included) by value, plain
 * objects and arrays member by member. Anything else (functions, dates, class instances) only when
 * it is the same object.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b) || (proto !== Object.prototype && proto !== null)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
  return true;
}

/** `component`, rendered again by its parent only when its props' data changes (sameData). */
export function memoOnData<P extends object>(component: FunctionComponent<P>) {
  return memo(component, (prev, next) => sameData(prev, next));
}
