import { describe, expect, it } from 'vitest';
import { pageAhead } from './prefetch-ahead';

describe('pageAhead', () => {
  it('is the next page once the window ends within half a page of it', () => {
    expect(pageAhead(50, 100_000)).toBeNull();
    expect(pageAhead(99, 100_000)).toBeNull();
    expect(pageAhead(100, 100_000)).toBe(1);
    expect(pageAhead(399, 100_000)).toBe(2);
  });

  it('never asks for a page past the last row', () => {
    expect(pageAhead(150, 190)).toBeNull();
    expect(pageAhead(150, 201)).toBe(1);
    expect(pageAhead(99_950, 100_000)).toBeNull();
  });
});
