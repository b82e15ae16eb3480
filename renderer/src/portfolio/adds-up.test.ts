import { describe, expect, it } from 'vitest';
import type { Figures } from '../../../shared/engine';
import { addsUp } from './adds-up';

const figures = (over: Partial<Figures>) =>
  ({ realized: 0n, unrealized: 0n, incomeTao: 0n, totalReturn: 0n, ...over }) as Figures;

describe('addsUp', () => {
  it('puts income in the sum when rewards are income', () => {
    const a = addsUp(figures({ realized: -10n, unrealized: -179n, incomeTao: 28n, totalReturn: -161n }), 'income');
    expect(a.terms.map((t) => t.id)).toEqual(['realized', 'unrealized', 'incomeTao']);
    expect(a.terms.reduce((s, t) => s + t.amount, 0n)).toBe(a.total);
    expect(a.memo).toEqual([]);
  });

  it('lists income beside the sum under zero basis, and the lines still make the total', () => {
    // The case: with zero-basis rewards the income card left the sum (−133.55 vs −161.55).
    const a = addsUp(figures({ realized: -5n, unrealized: -156n, incomeTao: 28n, totalReturn: -161n }), 'zero');
    expect(a.terms.map((t) => t.id)).toEqual(['realized', 'unrealized']);
    expect(a.terms.reduce((s, t) => s + t.amount, 0n)).toBe(-161n);
    expect(a.memo.map((t) => t.id)).toEqual(['incomeTao']);
  });

  it('shows what the lines leave unexplained instead of hiding it', () => {
    const a = addsUp(figures({ realized: 1n, unrealized: 2n, incomeTao: 3n, totalReturn: 10n }), 'income');
    expect(a.terms.at(-1)).toMatchObject({ id: 'other', amount: 4n });
    expect(a.terms.reduce((s, t) => s + t.amount, 0n)).toBe(10n);
  });
});
