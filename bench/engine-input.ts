/**
 * The engine benchmark's history: a deterministic 1M-event ledger over 128 subnets and 2,000
 * positions (stakes, unstakes, cross-subnet swaps), a snapshot per subnet and a checkpoint per held
 * position once a day. Shared by bench/engine.ts and its incremental measurement.
 */
import type { BasketTwrPoint, PortfolioInput, StakeEvent } from '../shared/engine/index';
import type { PositionCheckpoint } from '../shared/engine/emissions';
import type { SubnetSnapshot } from '../shared/engine/prices';

const SUBNETS = 128;
const POSITIONS = 2_000;
const COLDKEYS = 40;
const EVENTS_PER_BLOCK = 5;
const A = 1_000_000_000n;
const T0 = Date.UTC(2025, 9, 1);

// Deterministic PRNG (mulberry32) so runs are comparable.
let seed = 42;
function rnd(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Pos {
  cold: string;
  hot: string;
  netuid: number;
  alpha: bigint;
}

export function generate(N_EVENTS: number): PortfolioInput {
  seed = 42;
  const colds = Array.from({ length: COLDKEYS }, (_, i) => `5Cold${i.toString().padStart(4, '0')}`);
  const hots = Array.from({ length: 200 }, (_, i) => `5Hot${i.toString().padStart(4, '0')}`);
  const positions: Pos[] = [];
  const seen = new Set<string>();
  while (positions.length < POSITIONS) {
    const cold = colds[Math.floor(rnd() * COLDKEYS)] as string;
    const hot = hots[Math.floor(rnd() * hots.length)] as string;
    const netuid = positions.length < SUBNETS ? positions.length : Math.floor(rnd() * SUBNETS);
    const k = `${cold}|${hot}|${netuid}`;
    if (seen.has(k)) continue;
    seen.add(k);
    positions.push({ cold, hot, netuid, alpha: 0n });
  }
  const price = Array.from({ length: SUBNETS }, (_, n) =>
    n === 0 ? A : BigInt(Math.floor(5_000_000 + rnd() * 100_000_000)),
  );
  const events: StakeEvent[] = [];
  const checkpoints: PositionCheckpoint[] = [];
  const snapshots: SubnetSnapshot[] = [];
  const snapEvery = 7_200; // one per subnet per day
  // One object literal shape for every event (spreads would create slow, large dictionary objects).
  const mk = (
    block: number,
    idx: number,
    ext: number,
    kind: StakeEvent['kind'],
    p: Pos,
    tao: bigint,
    alpha: bigint,
    fee: bigint,
    destNetuid: number | null = null,
  ): StakeEvent => ({
    blockNumber: block,
    blockHash: '0x',
    timestamp: T0 + block * 12_000,
    specVersion: 320,
    extrinsicIndex: ext,
    eventIndex: idx,
    kind,
    coldkey: p.cold,
    counterpartyColdkey: null,
    hotkey: p.hot,
    netuid: p.netuid,
    destHotkey: null,
    destNetuid,
    tao,
    alpha,
    fee,
    feeUnit: null,
  });
  const sameKey = new Map<string, Pos[]>();
  for (const p of positions) {
    const k = `${p.cold}|${p.hot}`;
    const l = sameKey.get(k) ?? [];
    l.push(p);
    sameKey.set(k, l);
  }
  let block = 1;
  let inBlock = 0;
  while (events.length < N_EVENTS) {
    if (inBlock >= EVENTS_PER_BLOCK) {
      block++;
      inBlock = 0;
      if (block % snapEvery === 0) {
        for (let n = 0; n < SUBNETS; n++) {
          price[n] = n === 0 ? A : ((price[n] as bigint) * BigInt(900 + Math.floor(rnd() * 200))) / 1000n;
          snapshots.push({
            blockNumber: block,
            timestamp: T0 + block * 12_000,
            netuid: n,
            taoIn: (price[n] as bigint) * 1_000_000n,
            alphaIn: 1_000_000n * A,
            alphaOut: 500_000n * A,
            price: price[n] as bigint,
            specVersion: 320,
          });
        }
        for (const p of positions) {
          if (p.alpha > 0n) {
            p.alpha += p.alpha / 200n;
            checkpoints.push({
              blockNumber: block,
              timestamp: T0 + block * 12_000,
              coldkey: p.cold,
              hotkey: p.hot,
              netuid: p.netuid,
              alpha: p.alpha,
            });
          }
        }
      }
    }
    const p = positions[Math.floor(rnd() * POSITIONS)] as Pos;
    const pr = price[p.netuid] as bigint;
    const r = rnd();
    if (r < 0.6 || p.alpha === 0n) {
      const tao = BigInt(Math.floor(1e9 + rnd() * 1e11));
      const fee = p.netuid === 0 ? 0n : (tao * 33n) / 65535n;
      const alpha = ((tao - fee) * A) / pr;
      events.push(mk(block, inBlock, inBlock, 'StakeAdded', p, tao, alpha, fee));
      p.alpha += alpha;
      inBlock++;
    } else if (r < 0.9 || events.length + 3 > N_EVENTS) {
      const alpha = p.alpha / BigInt(2 + Math.floor(rnd() * 5));
      const fee = p.netuid === 0 ? 0n : (alpha * 33n) / 65535n;
      events.push(mk(block, inBlock, inBlock, 'StakeRemoved', p, ((alpha - fee) * pr) / A, alpha, fee));
      p.alpha -= alpha;
      inBlock++;
    } else {
      // cross-subnet swap: StakeRemoved + StakeAdded + StakeSwapped in one extrinsic
      const q = (sameKey.get(`${p.cold}|${p.hot}`) ?? []).find((x) => x.netuid !== p.netuid);
      const alpha = p.alpha / 3n;
      if (!q || alpha === 0n) continue;
      const fee = p.netuid === 0 ? 0n : (alpha * 33n) / 65535n;
      const tao = ((alpha - fee) * pr) / A;
      const a2 = (tao * A) / (price[q.netuid] as bigint);
      const ext = 100 + inBlock;
      events.push(mk(block, inBlock, ext, 'StakeRemoved', p, tao, alpha, fee));
      events.push(mk(block, inBlock + 1, ext, 'StakeAdded', q, tao, a2, 0n));
      events.push(mk(block, inBlock + 2, ext, 'StakeSwapped', p, tao, 0n, 0n, q.netuid));
      p.alpha -= alpha;
      q.alpha += a2;
      inBlock += 3;
    }
  }
  return {
    trackedColdkeys: colds,
    events,
    checkpoints,
    snapshots,
    basketTwr: fundReadings(positions, snapshots),
    currentSpecVersion: 320,
  };
}

/**
 * `e` moved to another block, as one literal of the generated events' shape (`mk`, same field order):
 * live sync's events come from the same row mapper as the history's, so they share a hidden class. A
 * spread would give the appended events another one, and the engine's optimised code would deoptimise
 * on them (a cost live sync does not pay).
 */
export function movedEvent(e: StakeEvent, blockNumber: number, timestamp: number): StakeEvent {
  return {
    blockNumber,
    blockHash: e.blockHash,
    timestamp,
    specVersion: e.specVersion,
    extrinsicIndex: e.extrinsicIndex,
    eventIndex: e.eventIndex,
    kind: e.kind,
    coldkey: e.coldkey,
    counterpartyColdkey: e.counterpartyColdkey,
    hotkey: e.hotkey,
    netuid: e.netuid,
    destHotkey: e.destHotkey,
    destNetuid: e.destNetuid,
    tao: e.tao,
    alpha: e.alpha,
    fee: e.fee,
    feeUnit: e.feeUnit,
  };
}

/**
 * BasketTwr readings of every root validator at each snapshot block (the validator-fund benchmark's
 * input; sync reads them at checkpoints): each fund grows by a fixed 3–7 basis points a day, so the
 * random stream above, and with it every other figure, is unchanged.
 */
function fundReadings(positions: readonly Pos[], snapshots: readonly SubnetSnapshot[]): BasketTwrPoint[] {
  const funds = [...new Set(positions.filter((p) => p.netuid === 0).map((p) => p.hot))].sort();
  const blocks = [...new Set(snapshots.map((s) => s.blockNumber))];
  const twr = funds.map(() => 1n << 64n);
  const out: BasketTwrPoint[] = [];
  for (const blockNumber of blocks)
    funds.forEach((hotkey, i) => {
      twr[i] = (twr[i] as bigint) + ((twr[i] as bigint) * BigInt(3 + (i % 5))) / 10_000n;
      out.push({ blockNumber, hotkey, twr: twr[i] as bigint });
    });
  return out;
}
