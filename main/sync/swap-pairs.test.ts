import { describe, expect, it } from 'vitest';
import { swappedPairs } from './swap-pairs';

describe('swappedPairs', () => {
  it('maps known positions through a swap both ways, on every subnet or on the one named', () => {
    const swaps = [
      { oldHotkey: 'A', newHotkey: 'B', netuid: null },
      { oldHotkey: 'C', newHotkey: 'D', netuid: 2 },
    ];
    const known = [
      { hotkey: 'A', netuid: 1 },
      { hotkey: 'B', netuid: 0 },
      { hotkey: 'C', netuid: 1 },
      { hotkey: 'D', netuid: 2 },
    ];
    expect(swappedPairs(swaps, known)).toEqual([
      { hotkey: 'B', netuid: 1 },
      { hotkey: 'A', netuid: 0 },
      { hotkey: 'C', netuid: 2 },
    ]);
  });

  it('follows a chain of swaps and adds nothing already known', () => {
    const swaps = [
      { oldHotkey: 'A', newHotkey: 'B', netuid: null },
      { oldHotkey: 'B', newHotkey: 'C', netuid: null },
    ];
    expect(swappedPairs(swaps, [{ hotkey: 'A', netuid: 3 }])).toEqual([
      { hotkey: 'B', netuid: 3 },
      { hotkey: 'C', netuid: 3 },
    ]);
    expect(
      swappedPairs(swaps, [
        { hotkey: 'A', netuid: 3 },
        { hotkey: 'B', netuid: 3 },
        { hotkey: 'C', netuid: 3 },
      ]),
    ).toEqual([]);
  });
});
