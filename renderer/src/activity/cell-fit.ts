// Which Activity cells clip their text. A cell that may be too narrow for its text (kind, wallet,
// subnet, validator) cuts it with an ellipsis, and that needs `overflow: hidden`: a clip of its own
// that every scroll frame re-layerizes, four per row for the ~40 rows in the page. In bench:ui's
// Activity scroll those clips were half the Layerize time and about 1.5 ms of a 9 ms frame (README).
// Most cells' text fits (a kind's short label, a subnet number, a wallet's label), so only a cell
// whose text is measured wider than its column clips. Column widths do not depend on the rows' text
// (fixed or fr tracks with fixed minimums, activity.css), so the header's cells give them.
import { useEffect, useState, type RefObject } from 'react';

export const CUT_COLUMNS = ['kind', 'wallet', 'subnet', 'hotkey'] as const;
export type CutColumn = (typeof CUT_COLUMNS)[number];

/** What a row needs to decide: each cut column's width (px) and the width of a text in the rows' font. */
export interface CellFit {
  widths: Readonly<Record<CutColumn, number>>;
  measure: (text: string) => number;
}

/** Slack for the difference between a canvas measure and the laid-out text (subpixel positioning). */
const SLACK_PX = 2;

/** The lines a column's text may take: the kind wraps to a second line (activity.css) before it is cut,
 * so "Transfer between your wallets" reads whole in the kind column the open detail narrows. */
const LINES: Readonly<Record<CutColumn, number>> = { kind: 2, wallet: 1, subnet: 1, hotkey: 1 };

/** Whether `text` must be cut in `column`: always while the widths are not known yet. */
export function needsCut(fit: CellFit | null, column: CutColumn, text: string): boolean {
  if (!fit) return true;
  const width = fit.widths[column] - SLACK_PX;
  if (fit.measure(text) <= width) return false;
  return LINES[column] === 1 || linesOf(text, width, fit.measure) > LINES[column];
}

/** The lines `text` takes in `width` px, broken at spaces as the browser does (a word wider than the line: Infinity). */
export function linesOf(text: string, width: number, measure: (text: string) => number): number {
  let lines = 0;
  let line = '';
  for (const word of text.split(' ')) {
    const longer = line ? `${line} ${word}` : word;
    if (line && measure(longer) <= width) line = longer;
    else if (measure(word) > width) return Infinity;
    else [line, lines] = [word, lines + 1];
  }
  return lines;
}

/** Texts measured in `font` on a canvas, each once (labels, kinds and names repeat across rows). */
export function textMeasurer(font: string, context: CanvasRenderingContext2D | null): (text: string) => number {
  const kept = new Map<string, number>();
  if (context) context.font = font;
  return (text) => {
    let width = kept.get(text);
    if (width === undefined) {
      width = context ? context.measureText(text).width : Infinity;
      // Bounded: a long scroll meets many distinct hotkeys.
      if (kept.size >= 4096) kept.clear();
      kept.set(text, width);
    }
    return width;
  };
}

/**
 * The widths of the header cells marked `data-cut="<column>"` under `head`, kept current by a
 * ResizeObserver (no layout read while rendering), with a measurer in the font of `grid`.
 * Null until they are known, or where the page cannot measure (rows then clip every cut cell).
 */
export function useCellFit(head: RefObject<HTMLElement | null>, grid: RefObject<HTMLElement | null>): CellFit | null {
  const [fit, setFit] = useState<CellFit | null>(null);
  useEffect(() => {
    const cells = head.current?.querySelectorAll<HTMLElement>('[data-cut]');
    if (!cells?.length || !grid.current || typeof ResizeObserver === 'undefined') return;
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return;
    // The shorthand from its longhands (a computed `font` may serialise as '', which a canvas ignores).
    const style = getComputedStyle(grid.current);
    const measure = textMeasurer(
      `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`,
      context,
    );
    const observer = new ResizeObserver(() => {
      const widths = Object.fromEntries(CUT_COLUMNS.map((c) => [c, 0])) as Record<CutColumn, number>;
      for (const cell of cells) widths[cell.dataset.cut as CutColumn] = cell.getBoundingClientRect().width;
      setFit((prev) => (prev && CUT_COLUMNS.every((c) => prev.widths[c] === widths[c]) ? prev : { widths, measure }));
    });
    for (const cell of cells) observer.observe(cell);
    return () => observer.disconnect();
  }, [head, grid]);
  return fit;
}
