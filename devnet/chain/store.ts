/**
 * Storage as per-key change logs: the value of a key at block B is its last change at or before B
 * (binary search). Cells are plain logs, emission-indexed logs (read through the subnet's growth
 * index) or computed functions of the block. Also the runtime schedule, block time, growth indices
 * and the rollback data of non-finalized blocks.
 */
import { ChangeLog } from './state-log.js';
import { GrowthIndex } from './emissions.js';
import { EpochSchedule } from './epochs.js';
import type { Acc } from './accounts.js';
import type { SpecSpan, SubnetDef } from './types.js';
import { BLOCK_MS } from './types.js';
import type { ItemName, KeyArg } from '../scale/keys.js';
import { storageKey } from '../scale/keys.js';

export type Cell =
  | { item: ItemName; kind: 'log'; log: ChangeLog<unknown> }
  | { item: ItemName; kind: 'indexed'; log: ChangeLog<bigint>; netuid: number }
  /** grows by `rate` every block after its last change (pool reserves with per-block emission injection) */
  | { item: ItemName; kind: 'linear'; log: ChangeLog<bigint>; rate: bigint; rates?: ChangeLog<bigint> }
  | { item: ItemName; kind: 'fn'; read: (block: number) => unknown };

/** '0x' and the two 128-bit hashes of pallet and item */
const ITEM_PREFIX_HEX = 2 + 64;

interface CellRef {
  key: string;
  cell: Cell | undefined;
}

export class StateStore {
  readonly cells = new Map<string, Cell>();
  /** bumped whenever a key gains, changes or loses its cell (invalidates key → cell resolutions kept elsewhere) */
  cellsVersion = 0;
  sortedKeys: string[] | null = null;
  readonly subnets = new Map<number, SubnetDef>();
  /** Record touched cells for reorg rollback (off while generating history: it is all finalized). */
  trackTouched = false;
  private readonly growth = new Map<number, GrowthIndex>();
  /** Blocks above finality: cells touched (reorg rollback). */
  private readonly touched = new Map<number, Set<Cell>>();
  readonly forks = new Map<number, number>();
  /** when each subnet's epochs run */
  readonly epochs: EpochSchedule;
  head = 0;
  /** block currently being built */
  cur = 0;

  constructor(
    readonly seed: number,
    readonly specs: SpecSpan[],
    /** unix ms of block 0 */
    readonly genesisTime: number,
  ) {
    this.epochs = new EpochSchedule(specs);
    this.defineComputedCells();
  }

  // ---------------------------------------------------------------- runtime / time

  /** Runtime that executed block `b` (and whose types encode block b's storage and events). */
  specAt(b: number): number {
    let s = this.specs[0]?.spec ?? 343;
    for (const sp of this.specs) if (sp.from <= b) s = sp.spec;
    return s;
  }

  /** Runtime whose code is in the state after block `b` (state_getRuntimeVersion / state_call at b). */
  codeSpecAt(b: number): number {
    return this.specAt(b + 1);
  }

  timestampAt(b: number): bigint {
    return BigInt(this.genesisTime + b * BLOCK_MS);
  }

  growthOf(netuid: number): GrowthIndex {
    let g = this.growth.get(netuid);
    if (!g) {
      const sub = this.subnets.get(netuid);
      g = new GrowthIndex(sub?.growthPpb ?? 0n);
      if (netuid === 0) {
        // Root stake grew silently until root claims replaced it (spec 334).
        const claimSpan = this.specs.find((s) => s.spec >= 334);
        if (claimSpan) g.freezeAt = this.epochs.epochsAt(0, claimSpan.from);
      }
      this.growth.set(netuid, g);
    }
    return g;
  }

  private g(netuid: number, b: number): bigint {
    return this.growthOf(netuid).at(this.epochs.epochsAt(netuid, b));
  }

  // ---------------------------------------------------------------- cells

  private defineComputedCells(): void {
    this.putCell({ item: 'TimestampNow', kind: 'fn', read: (b) => this.timestampAt(b) }, storageKey('TimestampNow'));
    this.putCell({ item: 'SystemNumber', kind: 'fn', read: (b) => b }, storageKey('SystemNumber'));
    // System.Events is a pure function of the block record (encoded per runtime in the RPC layer).
    this.putCell({ item: 'SystemEvents', kind: 'fn', read: (b) => b }, storageKey('SystemEvents'));
  }

  putCell(cell: Cell, key: string): Cell {
    this.cells.set(key, cell);
    this.sortedKeys = null;
    this.cellsVersion++;
    return cell;
  }

  private logCell(item: ItemName, key: string): Cell & { kind: 'log' } {
    let c = this.cells.get(key);
    if (!c) c = this.putCell({ item, kind: 'log', log: new ChangeLog() }, key);
    if (c.kind !== 'log') throw new Error(`${item}: not a log cell`);
    return c;
  }

  private indexedCell(item: ItemName, key: string, netuid: number): Cell & { kind: 'indexed' } {
    let c = this.cells.get(key);
    if (!c) c = this.putCell({ item, kind: 'indexed', log: new ChangeLog(), netuid }, key);
    if (c.kind !== 'indexed') throw new Error(`${item}: not an indexed cell`);
    return c;
  }

  private markTouched(cell: Cell): void {
    if (!this.trackTouched || this.cur === 0) return;
    let s = this.touched.get(this.cur);
    if (!s) this.touched.set(this.cur, (s = new Set()));
    s.add(cell);
  }

  /** Value of a cell at block b (undefined = no entry). */
  readCell(cell: Cell, b: number): unknown {
    if (cell.kind === 'fn') return cell.read(b);
    if (cell.kind === 'log') return cell.log.at(b);
    if (cell.kind === 'linear') {
      // one search for both the value and the block it was written at (a hot path of every pool read)
      const i = cell.log.indexAt(b);
      if (i < 0) return undefined;
      const at = cell.log.blocks[i] as number;
      const v = cell.log.values[i];
      if (v === undefined) return undefined;
      // the rate in force is the one set with the last value write (a later era may change it)
      const rate = cell.rates?.at(at) ?? cell.rate;
      return v + rate * BigInt(b - at);
    }
    const n = cell.log.at(b);
    if (n === undefined) return undefined;
    return GrowthIndex.value(n, this.g(cell.netuid, b));
  }

  read(key: string, b: number): { cell: Cell; value: unknown } | null {
    const cell = this.cells.get(key);
    if (!cell) return null;
    const value = this.readCell(cell, b);
    return value === undefined ? null : { cell, value };
  }

  /** All keys, sorted (for state_getKeysPaged). */
  keys(): string[] {
    if (!this.sortedKeys) this.sortedKeys = [...this.cells.keys()].sort();
    return this.sortedKeys;
  }

  /** Keys per item prefix (twox128(pallet) ‖ twox128(item)), and sorted keys per prefix asked for. */
  private byItem = new Map<string, string[]>();
  /** An item's keys grouped by their first `length` characters, per `${item}:${length}`. */
  private byLength = new Map<string, Map<string, string[]>>();
  private byPrefix = new Map<string, string[]>();
  private byItemVersion = -1;

  /** Whether byItem holds every item's keys (indexKeys), not only those listed so far. */
  private byItemAll = false;

  #keyIndexCurrent(): void {
    if (this.byItemVersion === this.cellsVersion) return;
    this.byItem = new Map();
    this.byLength = new Map();
    this.byPrefix = new Map();
    this.byItemAll = false;
    this.byItemVersion = this.cellsVersion;
  }

  /**
   * Groups every key by its item now (one pass over the cells, ~0.5 s on the year devnet), so that the
   * first listing of each item does not scan the cells while a client waits: a node lists keys by
   * seeking its trie. Called by the CLI once the history is built; a later change of the cells undoes it.
   */
  indexKeys(): void {
    this.#keyIndexCurrent();
    if (this.byItemAll) return;
    this.byItem = new Map();
    for (const k of this.cells.keys()) {
      if (k.length < ITEM_PREFIX_HEX) continue;
      const item = k.slice(0, ITEM_PREFIX_HEX);
      const same = this.byItem.get(item);
      if (same) same.push(k);
      else this.byItem.set(item, [k]);
    }
    this.byItemAll = true;
  }

  /**
   * Sorted keys that include every key starting with `prefix`: only the keys under the prefix when
   * it names at least the item (sorting a whole item's keys, ~100,000 `Alpha` keys of a year with
   * long common prefixes, cost a second per listing; a hotkey's prefix has a few hundred).
   */
  keysUnder(prefix: string): string[] {
    if (prefix.length < ITEM_PREFIX_HEX) return this.keys();
    this.#keyIndexCurrent();
    let keys = this.byPrefix.get(prefix);
    if (keys) return keys;
    const item = prefix.slice(0, ITEM_PREFIX_HEX);
    let group = this.byItem.get(item) ?? (this.byItemAll ? [] : undefined);
    if (!group) {
      group = [];
      for (const k of this.cells.keys()) if (k.startsWith(item)) group.push(k);
      this.byItem.set(item, group);
    }
    // Listings come in runs of one prefix length (a coldkey's positions: one (hotkey, coldkey) prefix
    // per hotkey): the item's keys are grouped by that length once, instead of filtering every key of
    // the item per listing (~30 ms each over 50,000 keys sharing long prefixes, 40 per backfill).
    const byLengthKey = `${item}:${prefix.length}`;
    let groups = this.byLength.get(byLengthKey);
    if (!groups) {
      groups = new Map();
      for (const k of group) {
        if (k.length < prefix.length) continue;
        const head = k.slice(0, prefix.length);
        const same = groups.get(head);
        if (same) same.push(k);
        else groups.set(head, [k]);
      }
      this.byLength.set(byLengthKey, groups);
    }
    keys = [...(groups.get(prefix) ?? [])].sort();
    if (this.byPrefix.size > 1_000) this.byPrefix.clear();
    this.byPrefix.set(prefix, keys);
    return keys;
  }

  /**
   * Nested-map reference (item → arg → arg …) to a key and its cell: the hot path of generation,
   * avoiding string building and lookups in the big key map.
   */
  private readonly refs = new Map<unknown, unknown>();
  ref(item: ItemName, args: KeyArg[]): CellRef {
    let m = this.refs.get(item) as Map<unknown, unknown> | undefined;
    if (!m) this.refs.set(item, (m = new Map()));
    for (let i = 0; i < args.length - 1; i++) {
      let next = m.get(args[i]) as Map<unknown, unknown> | undefined;
      if (!next) m.set(args[i], (next = new Map()));
      m = next;
    }
    const last = args.length ? args[args.length - 1] : '';
    let r = m.get(last) as CellRef | undefined;
    if (!r) {
      const key = storageKey(item, ...args);
      r = { key, cell: this.cells.get(key) };
      m.set(last, r);
    }
    if (r.cell === undefined) r.cell = this.cells.get(r.key);
    return r;
  }

  getLog<T>(item: ItemName, b: number, ...args: KeyArg[]): T | undefined {
    const c = this.ref(item, args).cell;
    return c ? (this.readCell(c, b) as T | undefined) : undefined;
  }

  setLog(item: ItemName, value: unknown, ...args: KeyArg[]): void {
    const r = this.ref(item, args);
    const c = r.cell && r.cell.kind === 'log' ? r.cell : this.logCell(item, r.key);
    r.cell = c;
    c.log.set(this.cur, value);
    this.markTouched(c);
  }

  /** Sets an indexed (emission-growing) value so that it reads back exactly `value` at the current block. */
  setIndexed(item: ItemName, netuid: number, value: bigint, ...args: KeyArg[]): void {
    const r = this.ref(item, args);
    const fresh = r.cell === undefined;
    const c = r.cell && r.cell.kind === 'indexed' ? r.cell : this.indexedCell(item, r.key, netuid);
    r.cell = c;
    if (fresh && item === 'TotalHotkeyAlpha') this.onNewHotkeyPool(args[0] as Acc, netuid);
    c.log.set(this.cur, GrowthIndex.normalise(value < 0n ? 0n : value, this.g(netuid, this.cur)));
    this.markTouched(c);
  }

  /** Sets a linear cell (value now; it then grows by `rate` per block until the next write). */
  setLinear(item: ItemName, rate: bigint, value: bigint, ...args: KeyArg[]): void {
    const r = this.ref(item, args);
    let c = r.cell;
    if (!c) c = this.putCell({ item, kind: 'linear', log: new ChangeLog(), rate }, r.key);
    if (c.kind !== 'linear') throw new Error(`${item}: not a linear cell`);
    r.cell = c;
    if (rate !== (c.rates?.latest() ?? c.rate)) (c.rates ??= new ChangeLog()).set(this.cur, rate);
    c.log.set(this.cur, value);
    this.markTouched(c);
  }

  /** Deletes a stored key at the current block, whatever kind of cell holds it (computed cells are left alone). */
  clearItem(item: ItemName, ...args: KeyArg[]): void {
    const c = this.ref(item, args).cell;
    if (!c || c.kind === 'fn' || c.log.at(this.cur) === undefined) return;
    c.log.set(this.cur, undefined);
    this.markTouched(c);
  }

  /** Hook: a (hotkey, netuid) share pool got its first TotalHotkeyAlpha entry. */
  onNewHotkeyPool(_hot: Acc, _netuid: number): void {}

  /** Forget rollback data at or below the finalized block. */
  pruneRollback(finalized: number): void {
    for (const b of this.touched.keys()) if (b <= finalized) this.touched.delete(b);
  }

  /** Drops every storage change made in block `b` (> keep); cells left empty disappear. */
  rollbackBlockCells(b: number, keep: number): void {
    for (const cell of this.touched.get(b) ?? []) {
      if (cell.kind === 'fn') continue;
      if (cell.kind === 'linear') cell.rates?.truncateAfter(keep);
      if (cell.log.truncateAfter(keep)) {
        for (const [k, c] of this.cells) {
          if (c === cell) {
            this.cells.delete(k);
            this.sortedKeys = null;
            this.cellsVersion++;
            this.refs.clear(); // references may point at the deleted cell
            break;
          }
        }
      }
    }
    this.touched.delete(b);
    this.forks.set(b, (this.forks.get(b) ?? 0) + 1);
  }
}
