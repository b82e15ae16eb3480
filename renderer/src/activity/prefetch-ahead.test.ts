import { describe, expect, it } from 'vitest';
import { pageAhead } from './prefetch-ahead';

describe('pageAhead', () => {
  it('is the next page as soon as the window is in a page', () => {
    expect(pageAhead(0, 100_000)).toBe(1);
    expect(pageAhead(199, 100_000)).toBe(1);
    expect(pageAhead(200, 100_000)).toBe(2);
    // With half a page ahead, as before: the next page only once the window ends within 100 rows of it.
    expect(pageAhead(50, 100_000, 100)).toBeNull();
    expect(pageAhead(100, 100_000, 100)).toBe(1);
  });

  it('never asks for a page past the last row', () => {
    expect(pageAhead(150, 190)).toBeNull();
    expect(pageAhead(150, 201)).toBe(1);
    expect(pageAhead(99_950, 100_000)).toBeNull();
  });
});
