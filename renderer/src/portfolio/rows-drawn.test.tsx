import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROWS_PER_TURN, useRowsDrawn } from './Performance';

describe('useRowsDrawn', () => {
  afterEach(() => vi.useRealTimers());

  it('draws a first batch, then one more batch per turn (a frame, then a task) until every row is drawn', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const total = 2 * ROWS_PER_TURN + 5;
    const { result, rerender } = renderHook(({ total }) => useRowsDrawn(total), { initialProps: { total } });
    const turn = () => {
      act(() => {
        vi.advanceTimersToNextFrame();
      });
      act(() => {
        vi.runOnlyPendingTimers();
      });
    };
    expect(result.current).toBe(ROWS_PER_TURN);
    // The frame alone draws nothing more: the batch is a task after it.
    act(() => {
      vi.advanceTimersToNextFrame();
    });
    expect(result.current).toBe(ROWS_PER_TURN);
    act(() => {
      vi.runOnlyPendingTimers();
    });
    expect(result.current).toBe(2 * ROWS_PER_TURN);
    turn();
    expect(result.current).toBe(total);
    turn();
    expect(result.current).toBe(total);
    // New data (a recompute) with as many rows or fewer: every one drawn at once.
    rerender({ total: total - 1 });
    expect(result.current).toBe(total - 1);
  });

  it('a short table is drawn whole in the first turn', () => {
    const { result } = renderHook(() => useRowsDrawn(3));
    expect(result.current).toBe(3);
  });
});
