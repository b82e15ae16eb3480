/**
 * The benchmark lines of a recorded series (./timeseries), kept between its finishes (the incremental
 * path: live sync finishes the series after every appended block).
 *
 * A line's value at a sample block is Σ over subnets of the value of the units bought in windows up
 * to that block at the index there (./benchmarks `benchmarkLine`). An append changes the units of the
 * subnets it touched, from the window its positions last flowed in on, and adds index points after
 * the folded blocks; so a closed day's value is kept while its block is before the first window or
 * index point that differs from the last finish's. The as-of points come after every window: their
 * value is each subnet's whole units at the index there, kept per subnet while its windows are the
 * same object (the benchmark set reuses them for the subnets an append did not touch). The result is
 * the one `benchmarkLine` gives (shared/engine/incremental.test.ts compares every finish with a
 * series recorded anew).
 */
import { benchmarkIds, type BenchmarkId } from '../vocab';
import { indexAt } from './analytics/indexes';
import { benchmarkLine, unitsValue, type BenchmarkUnits } from './benchmarks';
import type { SeriesPoint } from './timeseries';

type Windows = { windows: number[]; units: bigint[] };

/** A subnet's whole units (the sum over its windows) and its value at one index value. */
interface Whole {
  units: bigint;
  at: bigint;
  value: bigint;
}

/** The first block at which `u` may give another line than `prev` (Infinity: none). */
function firstChange(u: BenchmarkUnits, prev: BenchmarkUnits): number {
  let from = Infinity;
  if (u.index !== prev.index) {
    const a = prev.index.points;
    const b = u.index.points;
    let i = 0;
    while (i < a.length && i < b.length && a[i]?.blockNumber === b[i]?.blockNumber && a[i]?.value === b[i]?.value) i++;
    from = Math.min(a[i]?.blockNumber ?? Infinity, b[i]?.blockNumber ?? Infinity);
  }
  const blockOf = (units: BenchmarkUnits, s: Windows | undefined, j: number): number =>
    s && j < s.windows.length ? (units.windowBlocks[s.windows[j] as number] as number) : Infinity;
  const changed = (netuid: number): void => {
    const s = u.bySubnet.get(netuid);
    const p = prev.bySubnet.get(netuid);
    if (s === p) return;
    let j = 0;
    while (blockOf(u, s, j) === blockOf(prev, p, j) && blockOf(u, s, j) !== Infinity && s?.units[j] === p?.units[j])
      j++;
    from = Math.min(from, blockOf(u, s, j), blockOf(prev, p, j));
  };
  u.bySubnet.forEach((_, netuid) => changed(netuid));
  prev.bySubnet.forEach((_, netuid) => void (u.bySubnet.has(netuid) || changed(netuid)));
  return from;
}

export class KeptLines {
  /** Per benchmark: the units, sample blocks and values of the last finish's closed days. */
  private last: Partial<Record<BenchmarkId, { units: BenchmarkUnits; blocks: number[]; values: bigint[] }>> = {};
  private readonly wholes = new WeakMap<Windows, Whole>();
  /** The last finish's closed days with their lines, by the point they were made from. */
  private made = new Map<SeriesPoint, SeriesPoint>();

  /**
   * `points` with their benchmark lines. The first `closed` are the recorder's closed days (their
   * blocks only grow in number); the rest are at or after every window of `units` (the as-of points).
   */
  withLines(units: Record<BenchmarkId, BenchmarkUnits>, points: readonly SeriesPoint[], closed: number): SeriesPoint[] {
    const values = benchmarkIds.map((id) => this.line(id, units[id], points, closed));
    const made = new Map<SeriesPoint, SeriesPoint>();
    const out = points.map((p, i) => {
      const benchmarks = Object.fromEntries(benchmarkIds.map((id, k) => [id, values[k]?.[i] as bigint])) as Record<
        BenchmarkId,
        bigint
      >;
      const kept = i < closed ? this.made.get(p) : undefined;
      const same = kept !== undefined && benchmarkIds.every((id) => kept.benchmarks[id] === benchmarks[id]);
      const q = same ? kept : { ...p, benchmarks };
      if (i < closed) made.set(p, q);
      return q;
    });
    this.made = made;
    return out;
  }

  private line(id: BenchmarkId, u: BenchmarkUnits, points: readonly SeriesPoint[], closed: number): bigint[] {
    const blocks = points.slice(0, closed).map((p) => p.blockNumber);
    const prev = this.last[id];
    let keep = 0;
    if (prev) {
      const from = prev.units === u ? Infinity : firstChange(u, prev.units);
      while (
        keep < prev.blocks.length &&
        keep < blocks.length &&
        prev.blocks[keep] === blocks[keep] &&
        (blocks[keep] as number) < from
      )
        keep++;
    }
    const values = [...(prev?.values.slice(0, keep) ?? []), ...benchmarkLine(u, blocks.slice(keep))];
    this.last[id] = { units: u, blocks, values };
    const tail = points.slice(closed).map((p) => this.wholeLine(u, p.blockNumber));
    return [...values, ...tail];
  }

  /** The line at `block`, at or after every window: each subnet's whole units at the index there. */
  private wholeLine(u: BenchmarkUnits, block: number): bigint {
    const at = indexAt(u.index, block);
    let v = 0n;
    for (const s of u.bySubnet.values()) {
      const last = s.windows.at(-1);
      if (last !== undefined && (u.windowBlocks[last] as number) > block) return benchmarkLine(u, [block])[0] as bigint;
      let w = this.wholes.get(s);
      if (!w) {
        w = { units: s.units.reduce((a, b) => a + b, 0n), at: -1n, value: 0n };
        this.wholes.set(s, w);
      }
      if (w.at !== at) Object.assign(w, { at, value: unitsValue(w.units, at) });
      v += w.value;
    }
    return v;
  }
}
