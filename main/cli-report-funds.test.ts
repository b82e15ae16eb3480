import { describe, expect, it } from 'vitest';
import { emptyBasketFigures } from '../shared/engine/basket-types';
import { formatTao } from '../shared/engine';
import type { BasketsView } from '../shared/views';
import { fundLines } from './cli-report';

const TAO = 1_000_000_000n;
const COLD = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const HOT_A = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';
const HOT_B = '5Da5E4vaw3Dh2PwSqCwmH83qicr6NfSd5mZnxC68PRw5wYKE';

function position(hotkey: string, value: bigint, income: bigint, taoIn: bigint, shares: bigint) {
  const figures = { ...emptyBasketFigures(), value, income, taoIn, shares, totalReturn: value + income - taoIn };
  return { key: `${COLD}|${hotkey}`, coldkey: COLD, walletLabel: null, hotkey, figures, records: [] };
}

describe('cli report: validator funds', () => {
  it('lists each fund position with the view figures and the total, so subnets + funds = spot value', () => {
    const a = position(HOT_A, 3n * TAO, TAO / 2n, 2n * TAO, 10n);
    const b = position(HOT_B, TAO / 4n, 0n, TAO, 5n);
    const total = {
      ...emptyBasketFigures(),
      value: a.figures.value + b.figures.value,
      income: a.figures.income,
      totalReturn: a.figures.totalReturn + b.figures.totalReturn,
    };
    const view: BasketsView = { timing: 'claim', positions: [a, b], total };
    const lines = fundLines(view);
    expect(lines[1]).toContain('(income at claim)');
    const cells = (l: string) => l.trim().split(/\s{2,}/);
    expect(cells(lines[2]!).slice(1, 4)).toEqual([
      formatTao(3n * TAO),
      formatTao(TAO / 2n),
      formatTao((3n * TAO) / 2n),
    ]);
    expect(cells(lines[2]!)[0]).toBe(`${HOT_A.slice(0, 8)}…${HOT_A.slice(-6)}`);
    expect(cells(lines[3]!).slice(1, 4)).toEqual([formatTao(TAO / 4n), formatTao(0n), formatTao(-(3n * TAO) / 4n)]);
    expect(cells(lines[4]!)).toEqual([
      'all funds',
      formatTao(total.value),
      formatTao(total.income),
      formatTao(total.totalReturn),
    ]);
  });

  it('prints nothing for a wallet that never held fund shares', () => {
    const none = position(HOT_A, 0n, 0n, 0n, 0n);
    expect(fundLines({ timing: 'accrual', positions: [none], total: emptyBasketFigures() })).toEqual([]);
  });
});
