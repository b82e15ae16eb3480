import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * The latest data of two queries that belong together (a view and its analytics), taken only when
 * both hold their own answers: while either still shows a previous key's data (placeholderData) or
 * has none, the last such pair stays. So a page never pairs figures from two computations.
 */
export function useSettledPair<A, B>(a: UseQueryResult<A>, b: UseQueryResult<B>): readonly [A, B] | null {
  const [kept, setKept] = useState<readonly [A, B] | null>(null);
  const [x, y] = [a.data, b.data];
  if (x === undefined || y === undefined || a.isPlaceholderData || b.isPlaceholderData) return kept;
  const pair = kept && kept[0] === x && kept[1] === y ? kept : ([x, y] as const);
  // Remembered for the renders where a new key's answer is still missing (a render-phase update).
  if (pair !== kept) setKept(pair);
  return pair;
}
