import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from './csv';

describe('CSV writer', () => {
  it('neutralises text a spreadsheet would run as a formula, keeps numbers numbers', () => {
    // Apostrophe in front, and quoted so the apostrophe and the text stay one cell.
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('-2+3')).toBe(`"'-2+3"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('＝1+1')).toBe(`"'＝1+1"`);
    expect(csvCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    // Plain decimals (exact amounts are written as strings) and typed numbers are not formulas.
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-0.000000001')).toBe('-0.000000001');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-12_345_678_901_234_567_890n)).toBe('-12345678901234567890');
    expect(csvCell('Main wallet')).toBe('Main wallet');
    expect(csvCell(null)).toBe('');
  });

  it('quotes separators, quotes and line breaks; CRLF documents end with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          ['line\nbreak', null],
          ['=1', '-1'],
        ],
      ),
    ).toBe(`a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\r\n"'=1",-1\r\n`);
  });

  it('what it writes reads back (apostrophe kept: the neutralised text is the cell)', () => {
    const text = toCsv(
      ['label', 'amount'],
      [
        ['=HYPERLINK("x")', '-1.500000000'],
        ['a,"b"', '2'],
      ],
    );
    expect(parseCsv(text).rows.map((r) => r.cells)).toEqual([
      ['label', 'amount'],
      [`'=HYPERLINK("x")`, '-1.500000000'],
      ['a,"b"', '2'],
    ]);
  });
});

describe('CSV reader', () => {
  it('gives each row its line, skips blank lines, drops a BOM, reads mixed line breaks', () => {
    const r = parseCsv('\uFEFFdate,price\r\n\r\n2025-10-02, 412.5 \n"a\nb",x\r2025-10-03,"1,2"\n');
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 1, cells: ['date', 'price'] },
      { line: 3, cells: ['2025-10-02', '412.5'] },
      { line: 4, cells: ['a\nb', 'x'] },
      { line: 6, cells: ['2025-10-03', '1,2'] },
    ]);
  });

  it('guesses the separator among those allowed', () => {
    expect(parseCsv('2025-10-01;1.5\n2025-10-02;2', [',', ';']).rows.map((r) => r.cells)).toEqual([
      ['2025-10-01', '1.5'],
      ['2025-10-02', '2'],
    ]);
  });

  it('one separator is used as given, even where a guess would fail (a final line break, a decimal comma)', () => {
    expect(parseCsv('date;price\n2025-10-01;412,5\n', [';']).rows.map((r) => r.cells)).toEqual([
      ['date', 'price'],
      ['2025-10-01', '412,5'],
    ]);
  });

  it('reports an unclosed quote with its line', () => {
    const r = parseCsv('a,b\n"c,d\n');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]?.line).toBe(2);
  });
});
