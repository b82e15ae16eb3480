/**
 * Subnet snapshots and the price book: "what was the pool at block b" = the latest snapshot at or
 * before b (snapshots are post-block state). Root (netuid 0) is always 1:1.
 */
import { PRICE_SCALE } from './units';
import type { PoolState } from './runtime';

export interface SubnetSnapshot {
  blockNumber: number;
  /** ms since epoch of the block (for daily series). */
  timestamp: number;
  netuid: number;
  /** SubnetTAO, rao */
  taoIn: bigint;
  /** SubnetAlphaIn, alpha-rao */
  alphaIn: bigint;
  /** SubnetAlphaOut, alpha-rao (α held by stakers; market cap = price × alphaOut) */
  alphaOut: bigint;
  /** Spot price: rao per 1e9 alpha-rao (current_alpha_price). */
  price: bigint;
  /** Runtime spec at that block, for the exit-fee rule (optional). */
  specVersion?: number;
  /** Swap.FeeRate numerator override (optional). */
  feeRate?: bigint | null;
  /** Balancer quote weight q at ≥ 423, Perquintill (1e18 = 1); absent before, or where not read. */
  balancerQuote?: bigint | null;
  /** TAO injected into the pool per block (DynamicInfo.tao_in_emission); absent when read from storage. */
  taoInEmission?: bigint;
  /**
   * Block the subnet at this netuid was registered (NetworkRegisteredAt): a netuid pruned and
   * registered again holds another subnet, whose prices are not a continuation of the old one's.
   * Absent where it was not read (one lifetime assumed).
   */
  registeredAt?: number;
}

/**
 * Whether two snapshots of one netuid are of the same subnet: not when both know their registration
 * block and it differs (the netuid was pruned and registered again between them).
 */
export function sameSubnet(a: SubnetSnapshot, b: SubnetSnapshot): boolean {
  return a.registeredAt === undefined || b.registeredAt === undefined || a.registeredAt === b.registeredAt;
}

/**
 * The first snapshot (at or before `asOfBlock`) of the subnet that holds the netuid at `asOfBlock`, when
 * an earlier snapshot of `series` (one netuid, block order) is of another subnet; null when every one is
 * of the same subnet.
 */
export function registeredAgainAt(series: readonly SubnetSnapshot[], asOfBlock: number): SubnetSnapshot | null {
  let start: SubnetSnapshot | null = null;
  let known: SubnetSnapshot | null = null; // the latest snapshot that read its registration block
  for (const s of series) {
    if (s.blockNumber > asOfBlock) break;
    if (s.registeredAt === undefined) continue;
    if (known && !sameSubnet(known, s)) start = s;
    known = s;
  }
  return start;
}

export interface PriceRef {
  netuid: number;
  /** Block of the snapshot the price came from (−1 for root's fixed 1:1). */
  blockNumber: number;
  price: bigint;
}

const ROOT_SNAPSHOT: Omit<SubnetSnapshot, 'blockNumber' | 'timestamp'> = {
  netuid: 0,
  taoIn: 0n,
  alphaIn: 0n,
  alphaOut: 0n,
  price: PRICE_SCALE,
};

export class PriceBook {
  private readonly byNetuid = new Map<number, SubnetSnapshot[]>();
  /** The same arrays indexed by netuid (a u16): the per-event lookup (`snapshotRefAt`) without a Map. */
  private readonly byIndex: (SubnetSnapshot[] | undefined)[] = [];

  /** Snapshots added so far, and the latest block among them: what a kept index built from the book checks. */
  added = 0;
  lastBlock = -1;

  constructor(snapshots: readonly SubnetSnapshot[]) {
    for (const s of snapshots) this.add(s);
    for (const arr of this.byNetuid.values()) arr.sort((a, b) => a.blockNumber - b.blockNumber);
  }

  /** Add one snapshot (keeps order; appending the newest is O(1)). */
  add(s: SubnetSnapshot): void {
    this.added++;
    this.lastBlock = Math.max(this.lastBlock, s.blockNumber);
    let arr = this.byNetuid.get(s.netuid);
    if (!arr) {
      arr = [];
      this.byNetuid.set(s.netuid, arr);
      this.byIndex[s.netuid] = arr;
    }
    const last = arr[arr.length - 1];
    if (!last || last.blockNumber <= s.blockNumber) {
      arr.push(s);
      return;
    }
    const i = upperBound(arr, s.blockNumber);
    arr.splice(i, 0, s);
    this.cursor[s.netuid] = undefined;
  }

  /** Distinct snapshot blocks, ascending. */
  snapshotBlocks(): number[] {
    const set = new Set<number>();
    for (const arr of this.byNetuid.values()) for (const s of arr) set.add(s.blockNumber);
    return [...set].sort((a, b) => a - b);
  }

  netuids(): number[] {
    return [...this.byNetuid.keys()].sort((a, b) => a - b);
  }

  /** Latest snapshot at or before `block` (null when none). Root without snapshots is 1:1. */
  snapshotAt(netuid: number, block: number): SubnetSnapshot | null {
    const arr = this.byNetuid.get(netuid);
    if (arr) {
      const i = upperBound(arr, block) - 1;
      if (i >= 0) return arr[i] ?? null;
    }
    if (netuid === 0) return { ...ROOT_SNAPSHOT, blockNumber: -1, timestamp: 0 };
    return null;
  }

  /** Per-subnet cursor: block-ordered lookups (the ledger replay) hit it without a binary search. */
  private readonly cursor: (number | undefined)[] = [];

  /** Snapshot at or before `block` without allocating (null when none; root has no snapshot here). */
  snapshotRefAt(netuid: number, block: number): SubnetSnapshot | null {
    const arr = this.byIndex[netuid];
    if (!arr || arr.length === 0) return null;
    const c = this.cursor[netuid];
    if (c !== undefined) {
      const cur = arr[c];
      const next = arr[c + 1];
      if (cur && cur.blockNumber <= block && (!next || next.blockNumber > block)) return cur;
      if (next && next.blockNumber <= block && (!arr[c + 2] || (arr[c + 2] as SubnetSnapshot).blockNumber > block)) {
        this.cursor[netuid] = c + 1;
        return next;
      }
    }
    const i = upperBound(arr, block) - 1;
    if (i < 0) return null;
    this.cursor[netuid] = i;
    return arr[i] as SubnetSnapshot;
  }

  /** Spot price value only (no allocation): rao per 1e9 alpha-rao, or null. Root is 1:1. */
  priceValueAt(netuid: number, block: number): bigint | null {
    if (netuid === 0) return PRICE_SCALE;
    const s = this.snapshotRefAt(netuid, block);
    return s ? s.price : null;
  }

  /** Block of the snapshot `priceValueAt` used (−1 for root, null when none). */
  priceBlockAt(netuid: number, block: number): number | null {
    if (netuid === 0) return -1;
    const s = this.snapshotRefAt(netuid, block);
    return s ? s.blockNumber : null;
  }

  /** Spot price at or before `block`; root is always 1:1. */
  priceAt(netuid: number, block: number): PriceRef | null {
    if (netuid === 0) return { netuid, blockNumber: -1, price: PRICE_SCALE };
    const s = this.snapshotAt(netuid, block);
    return s ? { netuid, blockNumber: s.blockNumber, price: s.price } : null;
  }

  poolAt(netuid: number, block: number): PoolState | null {
    const s = this.snapshotAt(netuid, block);
    if (!s) return null;
    return {
      netuid,
      taoIn: s.taoIn,
      alphaIn: s.alphaIn,
      price: netuid === 0 ? PRICE_SCALE : s.price,
      feeRate: s.feeRate ?? null,
      balancerQuote: s.balancerQuote ?? null,
    };
  }

  /** All snapshots of one subnet, ordered by block (read-only view). */
  series(netuid: number): readonly SubnetSnapshot[] {
    return this.byNetuid.get(netuid) ?? [];
  }
}

/** First index whose blockNumber is > block. */
function upperBound(arr: readonly { blockNumber: number }[], block: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as { blockNumber: number }).blockNumber <= block) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
