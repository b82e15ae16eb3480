import type { UseQueryResult } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSettledPair } from './settled';
import { useStaged } from './staged';

describe('useStaged', () => {
  afterEach(() => vi.useRealTimers());

  it('hands a new value to one section per task after a frame, in order, keeping the previous value until then', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
    const { result, rerender } = renderHook(({ value }) => useStaged(value, 3), { initialProps: { value: 'a' } });
    // A turn is a frame, then a task: after the frame alone nothing has moved yet.
    const frame = () =>
      act(() => {
        vi.advanceTimersToNextFrame();
      });
    const step = () => {
      frame();
      act(() => {
        vi.runOnlyPendingTimers();
      });
    };
    frame();
    expect(result.current.values).toEqual([null, null, null]);
    expect(result.current.values).toEqual([null, null, null]);
    step();
    expect(result.current.values).toEqual(['a', null, null]);
    step();
    step();
    expect(result.current.values).toEqual(['a', 'a', 'a']);
    expect(result.current.stale).toEqual([false, false, false]);

    rerender({ value: 'b' });
    expect(result.current.values).toEqual(['a', 'a', 'a']);
    expect(result.current.stale).toEqual([true, true, true]);
    step();
    expect(result.current.values).toEqual(['b', 'a', 'a']);
    expect(result.current.stale).toEqual([false, true, true]);
    // A newer value before the last section had its turn: it starts again from the first.
    rerender({ value: 'c' });
    step();
    expect(result.current.values).toEqual(['c', 'a', 'a']);
    step();
    step();
    expect(result.current.values).toEqual(['c', 'c', 'c']);
    expect(result.current.stale).toEqual([false, false, false]);
  });
});

const query = <T,>(data: T | undefined, isPlaceholderData = false) =>
  ({ data, isPlaceholderData }) as UseQueryResult<T>;

describe('useSettledPair', () => {
  it('pairs two answers only when both are their own key’s, keeping the last such pair meanwhile', () => {
    const { result, rerender } = renderHook(({ a, b }) => useSettledPair(a, b), {
      initialProps: { a: query<string>(undefined), b: query<string>(undefined) },
    });
    expect(result.current).toBeNull();
    rerender({ a: query('view1'), b: query<string>(undefined) });
    expect(result.current).toBeNull();
    rerender({ a: query('view1'), b: query('analytics1') });
    expect(result.current).toEqual(['view1', 'analytics1']);
    // A recompute: first both show the previous key's data, then the new view alone has arrived.
    rerender({ a: query('view1', true), b: query('analytics1', true) });
    expect(result.current).toEqual(['view1', 'analytics1']);
    rerender({ a: query('view2'), b: query('analytics1', true) });
    expect(result.current).toEqual(['view1', 'analytics1']);
    act(() => rerender({ a: query('view2'), b: query('analytics2') }));
    expect(result.current).toEqual(['view2', 'analytics2']);
  });
});
