import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from './wire';

describe('wire', () => {
  it('carries bigints exactly, wherever they sit, and everything else as JSON does', () => {
    const value = {
      amount: 12_345_678_901_234_567_890n,
      negative: -7n,
      zero: 0n,
      list: [1n, 'x', null, [2n, { deep: -3n }], { n: 1.5 }],
      nested: { a: { b: { c: 9_007_199_254_740_993n } }, s: '12', t: true },
      empty: {},
      none: [],
    };
    expect(fromWire(toWire(value))).toEqual(value);
    expect(typeof fromWire<{ amount: unknown }>(toWire(value)).amount).toBe('bigint');
  });

  it('revives only an object whose one key is the tag with an integer string', () => {
    const text = JSON.stringify({
      tagged: { $bigint: '42' },
      extra: { $bigint: '42', other: 1 },
      notDigits: { $bigint: '4.2' },
      notString: { $bigint: 42 },
      inArray: [{ $bigint: '-5' }],
    });
    expect(fromWire(text)).toEqual({
      tagged: 42n,
      extra: { $bigint: '42', other: 1 },
      notDigits: { $bigint: '4.2' },
      notString: { $bigint: 42 },
      inArray: [-5n],
    });
  });

  it('keeps a "__proto__" key an own field, as JSON.parse makes it', () => {
    const decoded = fromWire<Record<string, unknown>>('{"__proto__": {"$bigint": "1"}, "a": 2}');
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toBe(1n);
    expect(Object.keys(decoded)).toEqual(['__proto__', 'a']);
  });
});
