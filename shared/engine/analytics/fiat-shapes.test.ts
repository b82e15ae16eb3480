import { describe, expect, it } from 'vitest';
import { parseFiatCsv } from '../fiat';
import { parseDateCell, parsePriceCell } from './fiat-shapes';

describe('TAO/fiat price file shapes', () => {
  it('a CoinGecko export: snapped_at / price / market_cap / total_volume, today’s live row skipped', () => {
    const csv = [
      'snapped_at,price,market_cap,total_volume',
      '2025-10-01 00:00:00 UTC,412.345678901234,3900000000.5,120000000.1',
      '2025-10-02 00:00:00 UTC,400.1,3800000000,110000000',
      '2025-10-02 14:23:11 UTC,399.9,3790000000,90000000',
    ].join('\n');
    expect(parseFiatCsv(csv)).toEqual({
      ok: true,
      // 412.345678901234 floored to 1e-8: 412.34567890
      rows: [
        { date: '2025-10-01', price: 41_234_567_890n },
        { date: '2025-10-02', price: 40_010_000_000n },
      ],
      skipped: 1,
      columns: { date: 'snapped_at', price: 'price' },
    });
  });

  it('unix timestamps in seconds and milliseconds, with a close column among others', () => {
    // 1759276800 = 2025-10-01T00:00:00Z; 1759363200000 = 2025-10-02T00:00:00Z
    const r = parseFiatCsv('timestamp,open,high,low,close\n1759276800,1,2,0.5,1.5\n1759363200000,1,2,0.5,2.25\n');
    expect(r).toMatchObject({
      ok: true,
      rows: [
        { date: '2025-10-01', price: 150_000_000n },
        { date: '2025-10-02', price: 225_000_000n },
      ],
      columns: { date: 'timestamp', price: 'close' },
    });
  });

  it('ISO date-times give the UTC day of the instant (offsets included)', () => {
    expect(parseDateCell('2025-10-01T23:30:00-02:00')).toEqual({ day: '2025-10-02', form: 'date-time' });
    expect(parseDateCell('2025-10-01T01:00+0200')).toEqual({ day: '2025-09-30', form: 'date-time' });
    expect(parseDateCell('2025-10-01 12:00:00.123Z')).toEqual({ day: '2025-10-01', form: 'date-time' });
    expect(parseDateCell('2025-10-01')).toEqual({ day: '2025-10-01', form: 'day' });
    expect(parseDateCell('2025-13-01')).toBeNull();
    expect(parseDateCell('01/10/2025')).toBeNull();
    expect(parseDateCell('12345')).toBeNull();
  });

  it('prices: decimals floored to 1e-8, exponents, the decimal comma of ;-separated files', () => {
    expect(parsePriceCell('0.000000019', false)).toBe(1n);
    expect(parsePriceCell('4.1e2', false)).toBe(41_000_000_000n);
    expect(parsePriceCell('5E-9', false)).toBe(0n);
    expect(parsePriceCell('412,5', true)).toBe(41_250_000_000n);
    expect(parsePriceCell('412,5', false)).toBeNull();
    expect(parsePriceCell('-1', false)).toBeNull();
    expect(parseFiatCsv('date;price\n2025-10-01;412,5\n')).toMatchObject({
      ok: true,
      rows: [{ date: '2025-10-01', price: 41_250_000_000n }],
    });
  });

  it('a price of 0, or one below 0.00000001, is refused with its line; nothing is imported', () => {
    expect(parseFiatCsv('date,price\n2025-10-01,412.5\n2025-10-02,0\n2025-10-03,0.000000004\n')).toEqual({
      ok: false,
      errors: [
        {
          line: 3,
          message:
            'price "0" is 0 at 0.00000001 precision (leave out a day without a price: it is reported as missing)',
        },
        {
          line: 4,
          message:
            'price "0.000000004" is 0 at 0.00000001 precision (leave out a day without a price: it is reported as missing)',
        },
      ],
    });
  });

  it('two date-only rows for one day, a header without a date or price column: errors, nothing imported', () => {
    expect(parseFiatCsv('date,price\n2025-10-01,1\n2025-10-01T05:00:00Z,2\n')).toEqual({
      ok: false,
      errors: [{ line: 3, message: 'duplicate date 2025-10-01 (first on line 2)' }],
    });
    const r = parseFiatCsv('when,usd,eur\n2025-10-01,1,2\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toContain('no date and price columns');
  });
});
