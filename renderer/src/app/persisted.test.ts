import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { oneOf, readPersisted, usePersistedState } from './persisted';

describe('usePersistedState', () => {
  beforeEach(() => window.localStorage.clear());

  it('remembers a choice across mounts (navigation) and reloads', () => {
    const valid = oneOf(['acb', 'fifo'] as const);
    const first = renderHook(() => usePersistedState('view.method', 'acb', valid));
    act(() => first.result.current[1]('fifo'));
    expect(first.result.current[0]).toBe('fifo');
    first.unmount();
    const again = renderHook(() => usePersistedState('view.method', 'acb', valid));
    expect(again.result.current[0]).toBe('fifo');
  });

  it('ignores values that are no longer valid or not JSON', () => {
    window.localStorage.setItem('taofolio.view.method', JSON.stringify('median'));
    expect(readPersisted('view.method', 'acb', oneOf(['acb', 'fifo'] as const))).toBe('acb');
    window.localStorage.setItem('taofolio.view.method', '{oops');
    expect(readPersisted('view.method', 'acb', oneOf(['acb', 'fifo'] as const))).toBe('acb');
  });
});
