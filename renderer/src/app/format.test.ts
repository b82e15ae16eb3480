import { describe, expect, it } from 'vitest';
import {
  alpha,
  compactFiat,
  compactTao,
  fiat,
  fileSize,
  formatUnits,
  MASK,
  maskDigits,
  nonZeroDecimals,
  pct,
  ratio,
  signed,
  tao,
} from './format';
import { axisFormatIn, TAO_UNIT } from './Money';

describe('formatUnits', () => {
  it('renders 9-decimal integers exactly, rounding half away from zero', () => {
    expect(formatUnits(1_234_567_890_123n, 4)).toBe('1,234.5679');
    expect(formatUnits(1_234_567_890_123n, 9)).toBe('1,234.567890123');
    expect(formatUnits(-50_000n, 4)).toBe('−0.0001');
    expect(formatUnits(-49_999n, 4)).toBe('0.0000');
    expect(formatUnits(0n, 2)).toBe('0.00');
    expect(formatUnits(999_999_999_999n, 0)).toBe('1,000');
  });

  it('keeps amounts beyond 2^53 exact', () => {
    expect(formatUnits(21_000_000_000_000_001n, 9)).toBe('21,000,000.000000001');
  });
});

describe('nonZeroDecimals', () => {
  it('adds decimals until an amount that is not zero shows a digit, up to its scale', () => {
    expect(nonZeroDecimals(0n)).toBe(4);
    expect(nonZeroDecimals(12_345_000n)).toBe(4);
    expect(nonZeroDecimals(100_000n)).toBe(4);
    // Not rounded up to a digit: 0.00005 is not shown as 0.0001, twice itself.
    expect(nonZeroDecimals(50_000n)).toBe(5);
    expect(formatUnits(5n, nonZeroDecimals(5n))).toBe('0.000000005');
    expect(formatUnits(1n, nonZeroDecimals(1n))).toBe('0.000000001');
    expect(formatUnits(-1n, nonZeroDecimals(-1n))).toBe('−0.000000001');
    expect(formatUnits(4_000n, nonZeroDecimals(4_000n, 2, 8), 8)).toBe('0.00004');
  });
});

describe('tao / signed / alpha', () => {
  it('puts the sign before the symbol', () => {
    expect(tao(-10_000_000n)).toBe('−τ0.0100');
    expect(signed(10_000_000n)).toBe('+τ0.0100');
    expect(signed(0n)).toBe('±τ0.0000');
    // Rounding to zero from either side: the same "±", not "+τ0.0000" for one and "τ0.0000" for the other.
    expect([signed(1n), signed(-1n)]).toEqual(['±τ0.0000', '±τ0.0000']);
    expect(signed(-1n, 9)).toBe('−τ0.000000001');
  });

  it('uses the subnet symbol when given', () => {
    expect(alpha(310_000_000n)).toBe('0.3100 α');
    expect(alpha(310_000_000n, 2, 'ב')).toBe('0.31 ב');
  });
});

describe('pct', () => {
  it('signs non-zero percentages and says 0.00% for what rounds to nothing', () => {
    expect(pct(-0.0668)).toBe('−6.68%');
    expect(pct(0.1)).toBe('+10.00%');
    expect(pct(-0.00001)).toBe('0.00%');
    expect(pct(0)).toBe('0.00%');
    expect(pct(null)).toBe('—');
    expect(pct(Number.NaN)).toBe('—');
    expect(pct(0.123456789, 6)).toBe('+12.345679%');
  });

  it('leaves the + off an unsigned figure (a volatility), never the −', () => {
    expect(pct(0.865, 1, { signed: false })).toBe('86.5%');
    expect(pct(-0.02, 1, { signed: false })).toBe('−2.0%');
    expect(pct(0.0004, 1, { signed: false })).toBe('0.0%');
  });
});

describe('ratio', () => {
  it('writes a negative number with the minus sign the amounts use, and nothing signed that rounds to zero', () => {
    // toFixed would give "-27.06" (a hyphen) and "-0.00".
    expect(ratio(-27.0612)).toBe('−27.06');
    expect(ratio(-0.004)).toBe('0.00');
    expect(ratio(0)).toBe('0.00');
    expect(ratio(2.345)).toBe('+2.35');
    expect(ratio(2.3449, 2, { signed: false })).toBe('2.34');
    expect(ratio(-0.65, 2, { signed: false })).toBe('−0.65');
    expect(ratio(null)).toBe('—');
    expect(ratio(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('fileSize', () => {
  it('kB below a megabyte (never 0 kB), then MB and GB with one decimal, never "1000" of a unit', () => {
    expect([0, 999, 1_499, 812_345, 999_499].map(fileSize)).toEqual(['1 kB', '1 kB', '1 kB', '812 kB', '999 kB']);
    expect([999_500, 1_728_000, 999_000_000, 999_950_000, 2_345_678_901].map(fileSize)).toEqual([
      '1.0 MB',
      '1.7 MB',
      '999.0 MB',
      '1.0 GB',
      '2.3 GB',
    ]);
  });
});

describe('compactTao', () => {
  it('shortens axis labels', () => {
    expect(compactTao(2_120_260_000_000n)).toBe('τ2.12k');
    expect(compactTao(950_000_000_000n)).toBe('τ950');
    expect(compactTao(-3_400_000_000_000_000n)).toBe('−τ3.4M');
    expect(compactTao(0n)).toBe('τ0');
    expect(compactTao(12_500_000_000)).toBe('τ12.5');
    expect(compactTao(0.5e9)).toBe('τ0.5');
  });
});

describe('maskDigits', () => {
  it('leaves no digit and no sign, whatever the amount', () => {
    for (const text of [
      '+τ1,234.5678',
      '−τ0.0100',
      '±τ0.0000',
      '0.3100 α',
      '−6.68%',
      'τ2.12k',
      '+12.345679% of net invested',
    ]) {
      const masked = maskDigits(text);
      expect(masked).not.toMatch(/[0-9+−±]/);
      expect(masked).toContain(MASK);
    }
    expect(maskDigits('−τ0.0100')).toBe(`τ${MASK}`);
    expect(maskDigits('0.3100 α')).toBe(`${MASK} α`);
    expect(maskDigits('+12.345679% of net invested')).toBe(`${MASK}% of net invested`);
  });

  it('has the same width for small and large amounts', () => {
    expect(maskDigits(tao(1n)).length).toBe(maskDigits(tao(123_456_789_000_000_000n)).length);
  });
});

describe('fiat', () => {
  it('renders 1e-8 units with the currency code', () => {
    expect(fiat(123_456_789_000n, 'USD')).toBe('1,234.57 USD');
    expect(fiat(-5_000_000n, 'EUR')).toBe('−0.05 EUR');
    expect(fiat(123_456_789_012n, 'USD', 8)).toBe('1,234.56789012 USD');
    expect(formatUnits(1n, 9, 8)).toBe('0.00000001');
  });
});

describe('chart axes in the display unit', () => {
  it('reads a chart number (amount ÷ 1e9) as τ, or as fiat from its 1e-8 units', () => {
    // 2,120.26 τ and 1,234.5 USD as chart numbers
    const taoAxis = axisFormatIn(TAO_UNIT);
    const usdAxis = axisFormatIn({ currency: 'fiat', code: 'USD' });
    expect(taoAxis(Number(2_120_260_000_000n) / 1e9)).toBe('τ2.12k');
    expect(usdAxis(Number(123_450_000_000n) / 1e9)).toBe('1.23k\u00a0USD');
    expect(usdAxis(-Number(5_000_000_000n) / 1e9)).toBe('−50\u00a0USD');
    expect(compactFiat(0, 'EUR')).toBe('0\u00a0EUR');
    // A billion reads as one: '1200M USD' had four digits.
    expect(compactFiat(1_234_000_000, 'USD')).toBe('1.23B\u00a0USD');
    expect(compactFiat(-999_000_000, 'USD')).toBe('−999M\u00a0USD');
    // No breaking space: an axis label is one line ("−100k" over "USD" read as two labels).
    expect(compactFiat(-100_000, 'USD')).not.toMatch(/ /);
  });
});
