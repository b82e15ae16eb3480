/**
 * When each subnet's epoch runs (see docs/chain/epochs.md):
 *  - before spec 423 (legacy): at blocks with (b + netuid + 1) % (tempo + 1) == tempo;
 *  - from the first block U of a spec ≥ 423 (stateful): `LastEpochBlock` is back-filled so the first
 *    run is the legacy next epoch, then a subnet is due when b − LastEpochBlock ≥ tempo or when a
 *    deferred run is pending; at most MAX_EPOCHS_PER_BLOCK run per block in netuid order, the rest
 *    are pushed one block (`EpochDeferred`) and run later, shifting their cycle. A subnet registered
 *    at R ≥ U starts with LastEpochBlock = R − (netuid mod tempo).
 * Root (netuid 0) keeps the legacy rule (it has no stateful slot). The schedule is a pure function
 * of the runtime schedule and the subnets' registration blocks, computed forward on demand.
 */
import { TEMPO, epochBlock as legacyEpochBlock, epochsAt as legacyEpochsAt } from './emissions.js';
import type { SpecSpan } from './types.js';

export const STATEFUL_EPOCH_SPEC = 423;
export const MAX_EPOCHS_PER_BLOCK = 2;

export interface Deferral {
  netuid: number;
  from: number;
  to: number;
}

interface Slot {
  netuid: number;
  /** first block the subnet exists in the stateful schedule */
  from: number;
  /** block the subnet is dissolved at (no epochs from then on) */
  until: number;
  last: number;
  pending: number;
  /** blocks (≥ U) at which its epoch ran */
  runs: number[];
  /** SubnetEpochIndex at U (legacy index), then +1 per run */
  index0: number;
}

export class EpochSchedule {
  /** First block of the stateful scheduler (undefined: legacy throughout). */
  readonly statefulFrom: number | undefined;
  private slots: Slot[] = [];
  private readonly byNetuid = new Map<number, Slot>();
  /** blocks up to which the schedule is computed */
  private computedTo = 0;
  private readonly deferrals = new Map<number, Deferral[]>();
  private readonly deferralBlocks: number[] = [];

  constructor(specs: SpecSpan[]) {
    this.statefulFrom = specs.find((s) => s.spec >= STATEFUL_EPOCH_SPEC)?.from;
  }

  /** Declares every subnet (other than root) and the block it is registered at. Call once, before use. */
  plan(subnets: { netuid: number; registeredAt: number }[]): void {
    const u = this.statefulFrom;
    if (u === undefined) return;
    this.slots = subnets
      .filter((s) => s.netuid !== 0)
      .sort((a, b) => a.netuid - b.netuid)
      .map((s) => {
        const from = Math.max(u, s.registeredAt);
        let last: number;
        if (s.registeredAt >= u) last = s.registeredAt - (s.netuid % TEMPO);
        else {
          // migrate_dynamic_tempo: the first stateful run is the legacy next epoch
          const remainder = (u + s.netuid + 1) % (TEMPO + 1);
          last = u - remainder;
        }
        return {
          netuid: s.netuid,
          from,
          until: Number.POSITIVE_INFINITY,
          last,
          pending: 0,
          runs: [],
          index0: Math.floor((u + s.netuid + 1) / (TEMPO + 1)),
        };
      });
    for (const s of this.slots) this.byNetuid.set(s.netuid, s);
    this.computedTo = u - 1;
  }

  private stateful(netuid: number): Slot | undefined {
    return netuid === 0 ? undefined : this.byNetuid.get(netuid);
  }

  /** Runs the scheduler block by block (skipping blocks where nothing is due) up to `b`. */
  private ensure(b: number): void {
    while (this.computedTo < b) {
      let next = Number.POSITIVE_INFINITY;
      for (const s of this.slots) {
        const due = Math.max(s.from, s.pending > 0 ? s.pending : s.last + TEMPO);
        if (due < next && due < s.until) next = due;
      }
      const blk = Math.max(next, this.computedTo + 1);
      if (blk > b) {
        this.computedTo = b;
        return;
      }
      let ran = 0;
      for (const s of this.slots) {
        if (blk < s.from || blk >= s.until) continue;
        const due = (s.pending > 0 && blk >= s.pending) || blk - s.last >= TEMPO;
        if (!due) continue;
        if (ran >= MAX_EPOCHS_PER_BLOCK) {
          s.pending = blk + 1;
          let list = this.deferrals.get(blk);
          if (!list) {
            this.deferrals.set(blk, (list = []));
            this.deferralBlocks.push(blk);
          }
          list.push({ netuid: s.netuid, from: blk, to: blk + 1 });
          continue;
        }
        ran++;
        s.last = blk;
        s.pending = 0;
        s.runs.push(blk);
      }
      this.computedTo = blk;
    }
  }

  /** The subnet is dissolved at block `at`: no epochs from then on. Call before the schedule reaches `at`. */
  retire(netuid: number, at: number): void {
    const s = this.byNetuid.get(netuid);
    if (!s) return;
    if (this.computedTo >= at) throw new Error(`epoch schedule already computed past ${at}`);
    s.until = at;
  }

  /** Number of epochs of `netuid` in blocks [1, b]. */
  epochsAt(netuid: number, b: number): number {
    const s = this.stateful(netuid);
    const u = this.statefulFrom;
    if (!s || u === undefined || b < u) return legacyEpochsAt(netuid, b);
    this.ensure(b);
    return legacyEpochsAt(netuid, u - 1) + upperBound(s.runs, b);
  }

  /** Block of the n-th epoch (1-based). */
  epochBlock(netuid: number, n: number): number {
    const s = this.stateful(netuid);
    const u = this.statefulFrom;
    if (!s || u === undefined) return legacyEpochBlock(netuid, n);
    const legacy = legacyEpochsAt(netuid, u - 1);
    if (n <= legacy) return legacyEpochBlock(netuid, n);
    const i = n - legacy - 1;
    while (s.runs.length <= i) {
      // a dissolved subnet has no more epochs
      if (this.computedTo >= s.until) return Number.POSITIVE_INFINITY;
      this.ensure(this.computedTo + TEMPO);
    }
    return s.runs[i] as number;
  }

  isEpochBlock(netuid: number, b: number): boolean {
    return b > 0 && this.epochsAt(netuid, b) > this.epochsAt(netuid, b - 1);
  }

  /** EpochDeferred events of block b. */
  deferralsAt(b: number): Deferral[] {
    this.ensure(b);
    return this.deferrals.get(b) ?? [];
  }

  /** First block ≥ from with an EpochDeferred event, looking at most `horizon` blocks ahead. */
  nextDeferralBlock(from: number, horizon: number): number {
    if (this.statefulFrom === undefined) return Number.POSITIVE_INFINITY;
    this.ensure(from + horizon);
    for (const d of this.deferralBlocks) if (d >= from) return d;
    return Number.POSITIVE_INFINITY;
  }

  /** Stateful storage of block b (≥ U): LastEpochBlock, PendingEpochAt, SubnetEpochIndex. */
  slotAt(netuid: number, b: number): { last: number; pending: number; index: number } | undefined {
    const s = this.stateful(netuid);
    if (!s || this.statefulFrom === undefined || b < s.from || b >= s.until) return undefined;
    this.ensure(b);
    const n = upperBound(s.runs, b);
    const deferredTo = this.deferrals.get(b)?.find((d) => d.netuid === netuid)?.to ?? 0;
    return { last: n > 0 ? (s.runs[n - 1] as number) : this.initialLast(s), pending: deferredTo, index: s.index0 + n };
  }

  private initialLast(s: Slot): number {
    const u = this.statefulFrom as number;
    return s.from > u ? s.from - (s.netuid % TEMPO) : u - ((u + s.netuid + 1) % (TEMPO + 1));
  }

  /** SubnetInfoRuntimeApi.get_next_epoch_start_block: LastEpochBlock + tempo (ignores the cap). */
  nextEpochStart(netuid: number, b: number): number | undefined {
    const slot = this.slotAt(netuid, b);
    if (slot) return slot.last + TEMPO;
    const n = legacyEpochsAt(netuid, b);
    return legacyEpochBlock(netuid, n + 1);
  }
}

/** Number of sorted entries ≤ v. */
function upperBound(arr: number[], v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((arr[mid] as number) <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
