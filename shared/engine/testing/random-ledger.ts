/** Random ledgers for the property tests: every kind of operation, over every runtime row of the fee matrix. */
import fc from 'fast-check';
import type { CostBasisMethod, PortfolioInput, StakeEvent } from '../index';
import type { PositionCheckpoint } from '../emissions';
import type { RootClaimPayout } from '../ledger';
import type { SubnetSnapshot } from '../prices';
import { A, TAO, cp, ev, snap, tsOf } from './fixtures';

export const COLDS = ['C1', 'C2'];
const HOTS = ['H1', 'H2'];
const NETS = [0, 1, 2];
export const METHODS: CostBasisMethod[] = ['acb', 'fifo', 'lifo', 'hifo'];

export type Op =
  | { t: 'buy'; c: number; h: number; n: number; tao: number; spec: number }
  | { t: 'sell'; c: number; h: number; n: number; pct: number; spec: number }
  | { t: 'move'; c: number; h: number; n: number; pct: number }
  | { t: 'transfer'; c: number; h: number; n: number; pct: number; toStranger: boolean }
  | { t: 'swap'; c: number; h: number; n: number; pct: number; to: number }
  | { t: 'emit'; c: number; h: number; n: number; milli: number; checkpoint: boolean }
  | { t: 'price'; n: number; price: number }
  | { t: 'burn'; c: number; h: number; n: number; pct: number }
  | { t: 'alphaFee'; c: number; h: number; n: number; milli: number }
  | { t: 'rootClaim'; c: number; h: number; n: number; milli: number; keep: boolean }
  | { t: 'checkpointAll' };

const idx = (k: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: k - 1 });
/** Runtimes from every row of the fee matrix (docs/chain/fees.md) (buys and sells are emitted with that runtime's field semantics). */
const SPECS = [240, 254, 270, 290, 300, 320, 400, 411];
export const specArb = fc.constantFrom(...SPECS);
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('buy' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    tao: fc.integer({ min: 1, max: 100_000 }),
    spec: specArb,
  }),
  fc.record({
    t: fc.constant('sell' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    pct: fc.integer({ min: 1, max: 100 }),
    spec: specArb,
  }),
  fc.record({
    t: fc.constant('move' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    pct: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    t: fc.constant('transfer' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    pct: fc.integer({ min: 1, max: 100 }),
    toStranger: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('swap' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    pct: fc.integer({ min: 1, max: 100 }),
    to: idx(3),
  }),
  fc.record({
    t: fc.constant('emit' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    milli: fc.integer({ min: 1, max: 5_000 }),
    checkpoint: fc.boolean(),
  }),
  fc.record({
    t: fc.constant('price' as const),
    n: fc.integer({ min: 1, max: 2 }),
    price: fc.integer({ min: 1_000, max: 9_000_000 }),
  }),
  fc.constant({ t: 'checkpointAll' as const }),
  fc.record({
    t: fc.constant('burn' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    pct: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    t: fc.constant('alphaFee' as const),
    c: idx(2),
    h: idx(2),
    n: idx(3),
    milli: fc.integer({ min: 1, max: 1_000 }),
  }),
  fc.record({
    t: fc.constant('rootClaim' as const),
    c: idx(2),
    h: idx(2),
    n: fc.integer({ min: 1, max: 2 }),
    milli: fc.integer({ min: 1, max: 50_000 }),
    keep: fc.boolean(),
  }),
);

/** Interpret ops into chain-like raw events (spec 320 semantics) while tracking the true α per position. */
export function build(ops: Op[], liquidate: boolean): PortfolioInput {
  const events: StakeEvent[] = [];
  const rootClaims: RootClaimPayout[] = [];
  const checkpoints: PositionCheckpoint[] = [];
  const snapshots: SubnetSnapshot[] = [];
  const alpha = new Map<string, bigint>();
  const price = new Map<number, bigint>([
    [0, TAO],
    [1, 2n * TAO],
    [2, TAO / 2n],
  ]);
  for (const n of [1, 2]) snapshots.push(snap(0, n, price.get(n) as bigint));
  const key = (c: string, h: string, n: number): string => `${c}|${h}|${n}`;
  const get = (c: string, h: string, n: number): bigint => alpha.get(key(c, h, n)) ?? 0n;
  const add = (c: string, h: string, n: number, d: bigint): void => {
    alpha.set(key(c, h, n), get(c, h, n) + d);
  };
  const px = (n: number): bigint => price.get(n) as bigint;
  const toTao = (a: bigint, n: number): bigint => (a * px(n)) / A;
  const toAlpha = (t: bigint, n: number): bigint => (t * A) / px(n);
  const cpAll = (block: number): void => {
    for (const [k, a] of alpha) {
      const [c, h, n] = k.split('|') as [string, string, string];
      checkpoints.push(cp(block, a, { cold: c, hot: h, netuid: Number(n) }));
    }
  };
  let block = 10;
  const sellOp = (c: string, h: string, n: number, a: bigint, spec = 320): void => {
    if (spec < 283) {
      // pre-v3: tao net of a TAO fee; α exact; fee field only from 257
      const out = toTao(a, n);
      const fee = 50_000n;
      const tao = out > fee ? out - fee : 0n;
      events.push(
        ev('StakeRemoved', { block, spec, cold: c, hot: h, netuid: n, tao, alpha: a, fee: spec >= 257 ? fee : 0n }),
      );
    } else {
      const fee = n === 0 ? 0n : a / 2000n;
      const tao = (toTao(a - fee, n) * 997n) / 1000n;
      // ≥397 the event carries the net α (gross = α + fee)
      events.push(
        ev('StakeRemoved', { block, spec, cold: c, hot: h, netuid: n, tao, alpha: spec >= 397 ? a - fee : a, fee }),
      );
    }
    add(c, h, n, -a);
  };
  for (const op of ops) {
    block += 10;
    if (op.t === 'price') {
      price.set(op.n, BigInt(op.price) * 1000n);
      snapshots.push(snap(block, op.n, px(op.n)));
      continue;
    }
    if (op.t === 'checkpointAll') {
      cpAll(block);
      continue;
    }
    const c = COLDS[op.c] as string;
    const h = HOTS[op.h] as string;
    const n = NETS[op.n] as number;
    const held = get(c, h, n);
    const part = (pct: number): bigint => (held * BigInt(pct)) / 100n;
    switch (op.t) {
      case 'buy': {
        const tao = BigInt(op.tao) * 1_000_000n;
        const pre = op.spec < 283;
        const fee = pre ? 50_000n : n === 0 ? 0n : (tao * 33n) / 65535n;
        const a = (toAlpha(tao - fee, n) * 995n) / 1000n;
        if (a === 0n || tao <= fee) break;
        // pre-v3 StakeAdded.tao is net of the fee; the fee field exists from 257
        events.push(
          ev('StakeAdded', {
            block,
            spec: op.spec,
            cold: c,
            hot: h,
            netuid: n,
            tao: pre ? tao - fee : tao,
            alpha: a,
            fee: pre && op.spec < 257 ? 0n : fee,
          }),
        );
        add(c, h, n, a);
        break;
      }
      case 'sell': {
        const a = part(op.pct);
        if (a > 0n) sellOp(c, h, n, a, op.spec);
        break;
      }
      case 'move': {
        const a = part(op.pct);
        if (a === 0n) break;
        const h2 = HOTS[1 - op.h] as string;
        const tao = toTao(a, n);
        events.push(ev('StakeRemoved', { block, idx: 1, cold: c, hot: h, netuid: n, tao, alpha: a }));
        events.push(ev('StakeAdded', { block, idx: 2, cold: c, hot: h2, netuid: n, tao, alpha: a }));
        events.push(ev('StakeMoved', { block, idx: 3, cold: c, hot: h, netuid: n, destHot: h2, destNet: n, tao }));
        add(c, h, n, -a);
        add(c, h2, n, a);
        break;
      }
      case 'transfer': {
        const a = part(op.pct);
        if (a === 0n) break;
        const c2 = op.toStranger ? 'S' : (COLDS[1 - op.c] as string);
        const tao = toTao(a, n);
        events.push(ev('StakeRemoved', { block, idx: 1, cold: c, hot: h, netuid: n, tao, alpha: a }));
        events.push(ev('StakeAdded', { block, idx: 2, cold: c2, hot: h, netuid: n, tao, alpha: a }));
        events.push(
          ev('StakeTransferred', { block, idx: 3, cold: c, counter: c2, hot: h, netuid: n, destNet: n, tao }),
        );
        add(c, h, n, -a);
        if (!op.toStranger) add(c2, h, n, a);
        break;
      }
      case 'swap': {
        const a = part(op.pct);
        const to = NETS[op.to] as number;
        if (a === 0n || to === n) break;
        const fee = n === 0 ? 0n : a / 2000n;
        const tao = (toTao(a - fee, n) * 998n) / 1000n;
        const a2 = (toAlpha(tao, to) * 998n) / 1000n;
        if (tao === 0n || a2 === 0n) break;
        events.push(ev('StakeRemoved', { block, idx: 1, cold: c, hot: h, netuid: n, tao, alpha: a, fee }));
        events.push(ev('StakeAdded', { block, idx: 2, cold: c, hot: h, netuid: to, tao, alpha: a2 }));
        events.push(ev('StakeSwapped', { block, idx: 3, cold: c, hot: h, netuid: n, destNet: to, tao }));
        add(c, h, n, -a);
        add(c, h, to, a2);
        break;
      }
      case 'burn': {
        const a = part(op.pct);
        if (a > 0n) {
          events.push(ev('AlphaRecycled', { block, cold: c, hot: h, netuid: n, alpha: a }));
          add(c, h, n, -a);
        }
        break;
      }
      case 'alphaFee': {
        // ≥397: the payer's StakeRemoved (fee 0) + TransactionFeePaidWithAlpha in the same extrinsic
        const a = (held * BigInt(op.milli)) / 100_000n;
        if (a === 0n) break;
        const tao = toTao(a, n);
        events.push(ev('StakeRemoved', { block, spec: 400, idx: 1, cold: c, hot: h, netuid: n, tao, alpha: a }));
        events.push(
          ev('TransactionFeePaidWithAlpha', {
            block,
            spec: 400,
            idx: 2,
            cold: c,
            hot: null,
            netuid: null,
            tao,
            alpha: a,
          }),
        );
        add(c, h, n, -a);
        break;
      }
      case 'rootClaim': {
        // payout derived by sync from checkpoints: Keep adds α on the subnet, Swap adds TAO on root
        const amount = BigInt(op.milli) * 1_000_000n;
        rootClaims.push({
          blockNumber: block,
          timestamp: tsOf(block),
          coldkey: c,
          hotkey: h,
          netuid: n,
          mode: op.keep ? 'keep' : 'swap',
          alpha: op.keep ? amount : 0n,
          tao: op.keep ? 0n : amount,
        });
        add(c, h, op.keep ? n : 0, amount);
        break;
      }
      case 'emit': {
        if (held === 0n) break;
        add(c, h, n, (held * BigInt(op.milli)) / 100_000n);
        if (op.checkpoint) checkpoints.push(cp(block, get(c, h, n), { cold: c, hot: h, netuid: n }));
        break;
      }
    }
  }
  block += 10;
  if (liquidate) {
    for (const [k, a] of [...alpha]) {
      const [c, h, n] = k.split('|') as [string, string, string];
      if (a > 0n) sellOp(c, h, Number(n), a);
    }
  }
  block += 10;
  cpAll(block);
  return { trackedColdkeys: COLDS, events, checkpoints, snapshots, rootClaims };
}
