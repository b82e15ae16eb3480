import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  CHOICES_KEY,
  dayStartUtc,
  DEFAULT_CHOICES,
  loadChoices,
  nextSort,
  parseChoices,
  saveChoices,
  toActivityArgs,
  type ActivityChoices,
} from './choices';

const DAY = 86_400_000;

describe('Activity choices', () => {
  it('reads UTC days strictly', () => {
    expect(dayStartUtc('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(dayStartUtc('2026-02-30')).toBeNull();
    expect(dayStartUtc('2026-2-3')).toBeNull();
    expect(dayStartUtc('')).toBeNull();
  });

  it('turns choices into API arguments: one wallet, subnet, kind, trimmed search, whole UTC days', () => {
    const choices: ActivityChoices = {
      walletId: 2,
      netuid: 0,
      kind: 'sell',
      fromDay: '2026-03-01',
      toDay: '2026-03-31',
      search: '  4500000-3 ',
      sort: { key: 'alpha', dir: 'asc' },
    };
    expect(toActivityArgs(choices, new Set([1, 2]))).toEqual({
      args: {
        filter: {
          walletIds: [2],
          netuids: [0],
          kinds: ['sell'],
          search: '4500000-3',
          from: Date.UTC(2026, 2, 1),
          // The "To" day is included: the range ends at the start of the next day.
          to: Date.UTC(2026, 2, 31) + DAY,
        },
        sort: { key: 'alpha', dir: 'asc' },
      },
      problem: null,
    });
    // No filter at all: no filter object (everything), newest first.
    expect(toActivityArgs(DEFAULT_CHOICES, new Set())).toEqual({
      args: { sort: { key: 'time', dir: 'desc' } },
      problem: null,
    });
  });

  it('ignores a remembered wallet that no longer exists, and reports a reversed date range instead of sending it', () => {
    const gone = toActivityArgs({ ...DEFAULT_CHOICES, walletId: 9 }, new Set([1]));
    expect(gone.args.filter).toBeUndefined();
    const reversed = toActivityArgs({ ...DEFAULT_CHOICES, fromDay: '2026-04-02', toDay: '2026-04-01' }, new Set());
    expect(reversed.problem).toMatch(/after/);
    expect(reversed.args.filter).toBeUndefined();
    // One day is a valid range.
    expect(
      toActivityArgs({ ...DEFAULT_CHOICES, fromDay: '2026-04-01', toDay: '2026-04-01' }, new Set()).problem,
    ).toBeNull();
  });

  it('remembers choices and reads back only what is valid, field by field', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    const choices: ActivityChoices = { ...DEFAULT_CHOICES, kind: 'swap', netuid: 7, sort: { key: 'tao', dir: 'asc' } };
    saveChoices(storage, choices);
    expect(loadChoices(storage)).toEqual(choices);
    store.set(
      CHOICES_KEY,
      JSON.stringify({
        walletId: -1,
        netuid: 'x',
        kind: 'mint',
        fromDay: '2026-13-01',
        search: 5,
        sort: { key: 'hash', dir: 'up' },
        toDay: '2026-01-02',
      }),
    );
    expect(loadChoices(storage)).toEqual({ ...DEFAULT_CHOICES, toDay: '2026-01-02' });
    store.set(CHOICES_KEY, '{not json');
    expect(loadChoices(storage)).toEqual(DEFAULT_CHOICES);
    expect(parseChoices(null)).toEqual(DEFAULT_CHOICES);
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadChoices(broken)).toEqual(DEFAULT_CHOICES);
  });

  it('counts active filters and flips or starts sorting sensibly', () => {
    expect(activeFilters(DEFAULT_CHOICES)).toBe(0);
    expect(activeFilters({ ...DEFAULT_CHOICES, walletId: 1, search: ' ', toDay: '2026-01-01' })).toBe(2);
    expect(nextSort({ key: 'time', dir: 'desc' }, 'time')).toEqual({ key: 'time', dir: 'asc' });
    expect(nextSort({ key: 'time', dir: 'desc' }, 'alpha')).toEqual({ key: 'alpha', dir: 'desc' });
    expect(nextSort({ key: 'alpha', dir: 'desc' }, 'kind')).toEqual({ key: 'kind', dir: 'asc' });
    expect(nextSort({ key: 'kind', dir: 'asc' }, 'subnet')).toEqual({ key: 'subnet', dir: 'asc' });
  });
});
