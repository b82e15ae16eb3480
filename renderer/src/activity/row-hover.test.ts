import { describe, expect, it } from 'vitest';
import { RowHover } from './row-hover';

describe('RowHover', () => {
  it('finds the row under the pointer from any cell inside it; the header row is none', () => {
    document.body.innerHTML = `
      <div role="row" aria-rowindex="1"><div role="columnheader" id="head">When</div></div>
      <div role="row" aria-rowindex="7"><div role="gridcell"><span id="amount">1 α</span></div></div>`;
    expect(RowHover.indexAt(document.getElementById('amount'))).toBe(5);
    expect(RowHover.indexAt(document.getElementById('head'))).toBeNull();
    expect(RowHover.indexAt(document.body)).toBeNull();
    expect(RowHover.indexAt(null)).toBeNull();
  });

  it('tells its rows only when the hovered row changes', () => {
    const hover = new RowHover();
    let told = 0;
    const stop = hover.subscribe(() => told++);
    hover.set(3);
    hover.set(3);
    expect([told, hover.is(3), hover.is(4)]).toEqual([1, true, false]);
    hover.set(null);
    expect([told, hover.is(3)]).toEqual([2, false]);
    stop();
    hover.set(4);
    expect(told).toBe(2);
  });
});
