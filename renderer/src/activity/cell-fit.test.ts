import { describe, expect, it } from 'vitest';
import { linesOf, needsCut, textMeasurer, type CellFit } from './cell-fit';

describe('Activity cells that clip', () => {
  // 7 px a character, as a stand-in for the canvas's measure.
  const fit: CellFit = {
    widths: { kind: 140, wallet: 70, subnet: 100, hotkey: 130 },
    measure: (text) => text.length * 7,
  };

  it('cuts only a text wider than its column, with a little slack for subpixel layout', () => {
    expect(needsCut(fit, 'kind', 'Stake')).toBe(false);
    expect(needsCut(fit, 'wallet', 'Main')).toBe(false);
    expect(needsCut(fit, 'wallet', 'Savings wallet')).toBe(true);
    // 126 px of text in 130: fits; 133 px: cut; 126 px in 127: within the 2 px slack, cut.
    expect(needsCut(fit, 'hotkey', 'x'.repeat(18))).toBe(false);
    expect(needsCut(fit, 'hotkey', 'x'.repeat(19))).toBe(true);
    expect(needsCut({ ...fit, widths: { ...fit.widths, hotkey: 127 } }, 'hotkey', 'x'.repeat(18))).toBe(true);
  });

  it('lets a kind take a second line, broken at spaces, and cuts only one that two lines cannot hold', () => {
    const label = 'Transfer between your wallets'; // 203 px on one line
    // 140 px: "Transfer between" (112) and "your wallets" (84).
    expect(linesOf(label, 138, fit.measure)).toBe(2);
    expect(needsCut(fit, 'kind', label)).toBe(false);
    // 100 px: "Transfer", "between your", "wallets".
    expect(linesOf(label, 98, fit.measure)).toBe(3);
    expect(needsCut({ ...fit, widths: { ...fit.widths, kind: 100 } }, 'kind', label)).toBe(true);
    // A word wider than the column fits no number of lines.
    expect(linesOf('Unstake', 40, fit.measure)).toBe(Infinity);
    // Other columns keep one line: the label is cut in a 140 px wallet column.
    expect(needsCut({ ...fit, widths: { ...fit.widths, wallet: 140 } }, 'wallet', label)).toBe(true);
  });

  it('cuts every cell while the column widths are not known', () => {
    expect(needsCut(null, 'kind', 'Stake')).toBe(true);
  });

  it('measures each text once, and reports any text as too wide where the page cannot measure', () => {
    let calls = 0;
    const context = {
      font: '',
      measureText: (text: string) => {
        calls++;
        return { width: text.length * 8 } as TextMetrics;
      },
    } as unknown as CanvasRenderingContext2D;
    const measure = textMeasurer('400 13.6px system-ui', context);
    expect(context.font).toBe('400 13.6px system-ui');
    expect([measure('Stake'), measure('Stake'), measure('Unstake')]).toEqual([40, 40, 56]);
    expect(calls).toBe(2);
    expect(textMeasurer('400 13.6px system-ui', null)('Stake')).toBe(Infinity);
  });
});
