// state_queryStorageAt answers map to the keys asked, whatever their order, case or split.
import { describe, expect, it } from 'vitest';
import { byAnswerKey, inRequestOrder } from './storage-answer';

const asked = ['0xaa01', '0xbb02', '0xcc03'];
const expected = new Map<string, string | null>([
  ['0xaa01', '0x01'],
  ['0xbb02', null],
  ['0xcc03', '0x03'],
]);
const byKey = (vals: (string | null)[]) => new Map(asked.map((k, i) => [k, vals[i]!]));
const values = (sets: { block: string; changes: [string, string | null][] }[]) =>
  byKey(inRequestOrder(asked, sets) ?? byAnswerKey(asked, sets, 7));

describe('storage answers', () => {
  it('in request order: matched by position, one value per key asked', () => {
    const sets = [{ block: '0x', changes: asked.map((k) => [`${k}`, expected.get(k)!] as [string, string | null]) }];
    const got = inRequestOrder(asked, sets);
    expect(got).toEqual(['0x01', null, '0x03']);
  });

  it('in another order, in upper case or split over sets: the same values by key', () => {
    const reversed = [{ block: '0x', changes: [...expected].reverse() }];
    expect(inRequestOrder(asked, reversed)).toBeNull();
    expect(values(reversed)).toEqual(expected);
    const upper = [{ block: '0x', changes: [...expected].map(([k, v]) => [k.toUpperCase().replace('0X', '0x'), v]) }];
    expect(values(upper as never)).toEqual(expected);
    const split = [
      { block: '0x', changes: [...expected].slice(0, 1) },
      { block: '0x', changes: [...expected].slice(1) },
    ];
    expect(values(split)).toEqual(expected);
    // a key the answer lacks reads as no entry
    expect(values([{ block: '0x', changes: [...expected].slice(0, 2) }]).get('0xcc03')).toBeNull();
  });

  it('a malformed set is refused', () => {
    expect(() => values([{ block: '0x' } as never])).toThrow(/Malformed storage answer at block 7/);
  });
});
