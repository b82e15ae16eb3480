// The Activity page's choices (filters, search, order), remembered across navigation and restarts,
// and turned into the `activity:list` / `activity:export` arguments. Dates are UTC days, the same
// days the exports write.
import { DEFAULT_ACTIVITY_SORT, type ActivitySort } from '../../../shared/activity';
import type { ActivityFilterArgs } from '../../../shared/api';
import {
  ACTIVITY_KINDS,
  ACTIVITY_SORT_KEYS,
  isIdOf,
  type ActivityKind,
  type ActivitySortKey,
  type DisplayCurrency,
} from '../../../shared/vocab';

export interface ActivityChoices {
  walletId: number | null;
  netuid: number | null;
  kind: ActivityKind | null;
  /** First UTC day shown, `YYYY-MM-DD`, or '' for no limit. */
  fromDay: string;
  /** Last UTC day shown (inclusive), or ''. */
  toDay: string;
  search: string;
  sort: ActivitySort;
}

export const DEFAULT_CHOICES: ActivityChoices = {
  walletId: null,
  netuid: null,
  kind: null,
  fromDay: '',
  toDay: '',
  search: '',
  sort: DEFAULT_ACTIVITY_SORT,
};

export const CHOICES_KEY = 'taofolio.activity.choices.v1';
const DAY_MS = 86_400_000;

/** Unix ms of 00:00 UTC of a `YYYY-MM-DD` day; null for anything else (including 2026-02-30). */
export function dayStartUtc(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? ms : null;
}

const positiveInt = (v: unknown): number | null =>
  Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null;
const day = (v: unknown): string => (typeof v === 'string' && dayStartUtc(v) !== null ? v : '');

/** Choices read back from storage: anything missing or invalid falls back to its default, field by field. */
export function parseChoices(raw: string | null): ActivityChoices {
  let value: Record<string, unknown>;
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    value = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    value = {};
  }
  const sort = (value.sort ?? {}) as Record<string, unknown>;
  return {
    walletId: positiveInt(value.walletId) || null,
    netuid: positiveInt(value.netuid),
    kind: isIdOf(ACTIVITY_KINDS, value.kind) ? value.kind : null,
    fromDay: day(value.fromDay),
    toDay: day(value.toDay),
    search: typeof value.search === 'string' ? value.search.slice(0, 200) : '',
    sort: {
      key: isIdOf(ACTIVITY_SORT_KEYS, sort.key) ? sort.key : DEFAULT_ACTIVITY_SORT.key,
      dir: sort.dir === 'asc' || sort.dir === 'desc' ? sort.dir : DEFAULT_ACTIVITY_SORT.dir,
    },
  };
}

export function loadChoices(storage: Pick<Storage, 'getItem'> | null): ActivityChoices {
  try {
    return parseChoices(storage?.getItem(CHOICES_KEY) ?? null);
  } catch {
    return DEFAULT_CHOICES;
  }
}

export function saveChoices(storage: Pick<Storage, 'setItem'> | null, choices: ActivityChoices): void {
  try {
    storage?.setItem(CHOICES_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or disabled: the choices still apply to this visit.
  }
}

export interface ActivityArgs {
  filter?: ActivityFilterArgs;
  sort: ActivitySort;
  /** Listing only (the export is in τ): rows also carry fiat amounts. */
  currency?: DisplayCurrency;
}

/**
 * The API arguments for these choices. A remembered wallet that no longer exists is ignored; a date
 * range that ends before it starts is reported (and not applied) rather than sent.
 */
export function toActivityArgs(
  choices: ActivityChoices,
  knownWalletIds: ReadonlySet<number>,
): { args: ActivityArgs; problem: string | null } {
  const filter: ActivityFilterArgs = {};
  if (choices.walletId !== null && knownWalletIds.has(choices.walletId)) filter.walletIds = [choices.walletId];
  if (choices.netuid !== null) filter.netuids = [choices.netuid];
  if (choices.kind !== null) filter.kinds = [choices.kind];
  const search = choices.search.trim();
  if (search !== '') filter.search = search;
  const from = dayStartUtc(choices.fromDay);
  const toStart = dayStartUtc(choices.toDay);
  const to = toStart === null ? null : toStart + DAY_MS;
  let problem: string | null = null;
  if (from !== null && to !== null && from >= to) problem = 'The “From” day is after the “To” day.';
  else {
    if (from !== null) filter.from = from;
    if (to !== null) filter.to = to;
  }
  const args: ActivityArgs = { sort: choices.sort };
  if (Object.keys(filter).length > 0) args.filter = filter;
  return { args, problem };
}

/** How many filters narrow the list (for the "Clear filters" button and the count line). */
export function activeFilters(choices: ActivityChoices): number {
  return [
    choices.walletId !== null,
    choices.netuid !== null,
    choices.kind !== null,
    choices.fromDay !== '',
    choices.toDay !== '',
    choices.search.trim() !== '',
  ].filter(Boolean).length;
}

/** A column header click: the same column flips direction; a new one starts where it reads best. */
export function nextSort(current: ActivitySort, key: ActivitySortKey): ActivitySort {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  // Time and amounts start with the newest / largest; words and subnets start from A / SN0.
  return { key, dir: key === 'kind' || key === 'subnet' ? 'asc' : 'desc' };
}
