import { describe, expect, it } from 'vitest';
import { FiatBook, parseFiatCsv } from './fiat';

describe('TAO/fiat CSV import', () => {
  it('parses a header and both separators into 1e-8 units', () => {
    const r = parseFiatCsv('date,price\n2025-10-02,412.5\n2025-10-01,400\n2025-10-03T00:00:00Z,0.00000001\n');
    expect(r).toMatchObject({
      ok: true,
      rows: [
        { date: '2025-10-01', price: 40_000_000_000n },
        { date: '2025-10-02', price: 41_250_000_000n },
        { date: '2025-10-03', price: 1n },
      ],
    });
    expect(parseFiatCsv('2025-10-01;1.5')).toMatchObject({
      ok: true,
      rows: [{ date: '2025-10-01', price: 150_000_000n }],
    });
  });

  it('reports every bad line and imports nothing', () => {
    const r = parseFiatCsv(
      'date,price\n2025-10-01,400\n2025-02-30,1\n2025-10-02,abc\n2025-10-01,401\n2025-10-04,1,2\n2025-10-05,-3',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0]?.message).toContain('invalid date');
    expect(r.errors[1]?.message).toContain('invalid price');
    expect(r.errors[2]?.message).toBe('duplicate date 2025-10-01 (first on line 2)');
    expect(r.errors[3]?.message).toContain('expected 2 columns');
  });

  it('an empty file is an error', () => {
    expect(parseFiatCsv('date,price\n')).toEqual({ ok: false, errors: [{ line: 0, message: 'no price rows found' }] });
  });

  it('FiatBook: exact-day lookup, missing days listed, never interpolated', () => {
    const book = new FiatBook([{ date: '2025-10-01', price: 40_000_000_000n }]);
    // 2.5 TAO × 400 = 1000.00000000
    expect(book.value(2_500_000_000n, Date.UTC(2025, 9, 1, 13))).toBe(100_000_000_000n);
    expect(book.value(1n, Date.UTC(2025, 9, 2, 1))).toBeNull();
    expect(book.missing()).toEqual(['2025-10-02']);
  });
});

describe('oversized prices', () => {
  it('a 5,000-digit price is a clear line error, never an overflow', () => {
    const result = parseFiatCsv(`date,price\n2026-01-01,${'9'.repeat(5000)}\n`);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          message: 'price "99999999999999999999… (5000 characters)" is too large (at most 9999999999.99999999 per TAO)',
        },
      ],
    });
    expect(parseFiatCsv('2026-01-01,9999999999.99999999\n')).toMatchObject({
      ok: true,
      rows: [{ price: 999999999999999999n }],
    });
  });
});
