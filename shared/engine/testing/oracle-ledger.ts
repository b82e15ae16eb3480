/**
 * Seeded random histories for the differential test (lot-oracle.test.ts): chain-like raw facts (events
 * per extrinsic, checkpoints of every position a coldkey has, snapshots) together with what happened
 * (./lot-oracle `Op`), which the reference model replays. The chain's α per position is simulated, so
 * emission and unexplained changes reach the engine only through checkpoints, as on chain.
 * Runtime 320 (sale α gross, origin pays a cross-subnet fee) then, from a random block, 400 (sale α net,
 * α-paid transaction fees).
 */
import type { PortfolioInput, StakeEvent } from '../index';
import type { PositionCheckpoint } from '../emissions';
import type { PositionEffect, RootClaimPayout } from '../ledger';
import type { SubnetSnapshot } from '../prices';
import { cp, ev, snap, tsOf, type EvOpts } from './fixtures';
import type { Op } from './lot-oracle';

/** mulberry32: a small deterministic PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const TRACKED = ['C1', 'C2'];
const STRANGER = 'S';
const HOTS = ['H1', 'H2', 'H3'];
const NETS = [0, 1, 2];
const E9 = 1_000_000_000n;

export interface History {
  input: PortfolioInput;
  ops: Op[];
  /** Snapshot prices per netuid in block order (root is 1:1). */
  prices: Map<number, { block: number; price: bigint }[]>;
}

export function generate(seed: number, steps: number): History {
  const rnd = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
  const big = (lo: bigint, hi: bigint): bigint => {
    // uniform enough in [lo, hi] from 4 × 32 bits
    let r = 0n;
    for (let i = 0; i < 4; i++) r = (r << 32n) | BigInt(Math.floor(rnd() * 4294967296));
    return lo + (r % (hi - lo + 1n));
  };
  /** An amount from a magnitude class: rao dust, ordinary, whole α, up to 10^19 (beyond a signed 64-bit sum). */
  const amount = (): bigint => {
    const k = rnd();
    if (k < 0.12) return big(1n, 9n);
    if (k < 0.45) return big(1_000n, 10n ** 10n);
    if (k < 0.9) return big(10n ** 9n, 10n ** 13n);
    return big(10n ** 17n, 10n ** 19n);
  };
  const events: StakeEvent[] = [];
  const checkpoints: PositionCheckpoint[] = [];
  const snapshots: SubnetSnapshot[] = [];
  const rootClaims: RootClaimPayout[] = [];
  const effects: PositionEffect[] = [];
  const ops: Op[] = [];
  const prices = new Map<number, { block: number; price: bigint }[]>();
  const price = new Map<number, bigint>([[0, E9]]);
  const setPrice = (block: number, n: number, p: bigint): void => {
    price.set(n, p);
    snapshots.push(snap(block, n, p));
    const list = prices.get(n) ?? [];
    list.push({ block, price: p });
    prices.set(n, list);
  };
  for (const n of [1, 2]) setPrice(0, n, big(1n, 5n * E9));
  const chain = new Map<string, bigint>();
  /** Positions each coldkey has had (a checkpoint lists them all, at 0 once emptied). */
  const known = new Map<string, Set<string>>();
  const key = (c: string, h: string, n: number): string => `${c}|${h}|${n}`;
  const get = (c: string, h: string, n: number): bigint => chain.get(key(c, h, n)) ?? 0n;
  const add = (c: string, h: string, n: number, d: bigint): void => {
    chain.set(key(c, h, n), get(c, h, n) + d);
    if (!known.has(c)) known.set(c, new Set());
    known.get(c)?.add(key(c, h, n));
  };
  const toTao = (a: bigint, n: number): bigint => (a * (price.get(n) as bigint)) / E9;
  const toAlpha = (t: bigint, n: number): bigint => (t * E9) / (price.get(n) as bigint);
  /** A rough trade price: spot ± up to 3 %, sometimes unrelated (a new unit cost). */
  const jitter = (x: bigint): bigint => (rnd() < 0.15 ? amount() : (x * BigInt(int(970, 1030))) / 1000n);
  const switchAt = pick([0, int(50, 400), Number.MAX_SAFE_INTEGER]);
  const held = (): [string, string, number] | null => {
    const hs = [...chain].filter(([k, a]) => a > 0n && !k.startsWith(`${STRANGER}|`));
    if (hs.length === 0) return null;
    const [c, h, n] = (pick(hs)[0] as string).split('|') as [string, string, string];
    return [c, h, Number(n)];
  };
  const part = (a: bigint): bigint => {
    const k = rnd();
    if (k < 0.3) return a;
    if (k < 0.4) return 1n;
    return big(1n, a);
  };
  /** Recent (α, TAO) buys: a multiple of one buys at exactly its unit cost (HIFO ties). */
  const recent: [bigint, bigint][] = [];
  // Opening balances: stake held before the recorded history (block 5).
  const start = 5;
  for (const c of TRACKED) {
    for (let i = int(0, 2); i > 0; i--) {
      const h = pick(HOTS);
      const n = pick(NETS);
      add(c, h, n, amount());
    }
  }
  let block = start;
  const checkpointAll = (c: string, opening = false): void => {
    for (const k of known.get(c) ?? []) {
      const [, h, n] = k.split('|') as [string, string, string];
      const a = chain.get(k) ?? 0n;
      checkpoints.push(cp(block, a, { cold: c, hot: h, netuid: Number(n) }));
      ops.push({ k: 'cp', block, c, h, n: Number(n), alpha: a, opening });
    }
  };
  for (const c of TRACKED) checkpointAll(c, true);
  block = 10;
  let ext = 0;
  let idx = 0;
  const e = (kind: StakeEvent['kind'], o: Omit<EvOpts, 'block' | 'ext' | 'idx' | 'spec'>): void => {
    const spec = block >= switchAt ? 400 : 320;
    events.push(ev(kind, { block, ext, idx: idx++, spec, ...o }));
  };
  const spec400 = (): boolean => block >= switchAt;
  /** Sale of `a` gross α: the event's α is gross at 320, net of the α fee at 400. */
  const removed = (c: string, h: string, n: number, a: bigint, tao: bigint, fee: bigint): void =>
    e('StakeRemoved', { cold: c, hot: h, netuid: n, tao, alpha: spec400() ? a - fee : a, fee });
  /** A sale of `a` gross α (α fee 1/2000 off subnets; TAO out about spot). */
  const sale = (c: string, h: string, n: number, a: bigint): void => {
    const fee = n === 0 ? 0n : a / 2000n;
    const tao = jitter(toTao(a - fee, n));
    removed(c, h, n, a, tao, fee);
    ops.push({ k: 'sell', block, c, h, n, alpha: a, tao });
    add(c, h, n, -a);
  };

  const action = (): void => {
    const r = rnd();
    const c = pick(TRACKED);
    const h = pick(HOTS);
    const n = pick(NETS);
    const other = TRACKED.find((x) => x !== c) as string;
    ext++;
    if (r < 0.22) {
      // buy (a few at a unit cost already bought: HIFO ties; rarely 0 α)
      let alpha = amount();
      let tao = jitter(toTao(alpha, n)) || 1n;
      const tie = recent.length > 0 && rnd() < 0.25 ? pick(recent) : null;
      if (tie) {
        const k = BigInt(int(1, 3));
        [alpha, tao] = [tie[0] * k, tie[1] * k];
      }
      if (rnd() < 0.02) alpha = 0n;
      recent.push([alpha, tao]);
      e('StakeAdded', { cold: c, hot: h, netuid: n, tao, alpha, fee: n === 0 ? 0n : (tao * 33n) / 65535n });
      ops.push({ k: 'buy', block, c, h, n, alpha, tao });
      add(c, h, n, alpha);
      return;
    }
    const pos = held();
    if (r < 0.27 || pos === null) {
      // transfer in from a wallet that is not watched
      const a = amount();
      const tao = toTao(a, n);
      e('StakeRemoved', { cold: STRANGER, hot: h, netuid: n, tao, alpha: a });
      e('StakeAdded', { cold: c, hot: h, netuid: n, tao, alpha: a });
      e('StakeTransferred', { cold: STRANGER, counter: c, hot: h, netuid: n, destNet: n, tao });
      ops.push({ k: 'buy', block, c, h, n, alpha: a, tao });
      add(c, h, n, a);
      return;
    }
    const [pc, ph, pn] = pos;
    const a = part(get(pc, ph, pn));
    const spot = toTao(a, pn);
    if (r < 0.45) {
      sale(pc, ph, pn, a);
    } else if (r < 0.55) {
      // same-subnet move to another hotkey (fee 0, TAO = α at spot on both events)
      const h2 = pick(HOTS.filter((x) => x !== ph));
      e('StakeRemoved', { cold: pc, hot: ph, netuid: pn, tao: spot, alpha: a });
      e('StakeAdded', { cold: pc, hot: h2, netuid: pn, tao: spot, alpha: a });
      e('StakeMoved', { cold: pc, hot: ph, netuid: pn, destHot: h2, destNet: pn, tao: spot });
      ops.push({ k: 'carry', block, c: pc, h: ph, n: pn, c2: pc, h2, alpha: a, tao: spot });
      add(pc, ph, pn, -a);
      add(pc, h2, pn, a);
    } else if (r < 0.65) {
      // same-subnet transfer to the other watched wallet, or to a stranger (a disposal at its TAO)
      const to = rnd() < 0.6 ? (TRACKED.find((x) => x !== pc) as string) : STRANGER;
      e('StakeRemoved', { cold: pc, hot: ph, netuid: pn, tao: spot, alpha: a });
      e('StakeAdded', { cold: to, hot: ph, netuid: pn, tao: spot, alpha: a });
      e('StakeTransferred', { cold: pc, counter: to, hot: ph, netuid: pn, destNet: pn, tao: spot });
      if (to === STRANGER) ops.push({ k: 'sell', block, c: pc, h: ph, n: pn, alpha: a, tao: spot });
      else ops.push({ k: 'carry', block, c: pc, h: ph, n: pn, c2: to, h2: ph, alpha: a, tao: spot });
      add(pc, ph, pn, -a);
      add(to, ph, pn, a);
    } else if (r < 0.75) {
      // cross-subnet: swap (same hotkey), move (another hotkey) or transfer (the other wallet)
      const to = pick(NETS.filter((x) => x !== pn));
      const kind = pick(['StakeSwapped', 'StakeMoved', 'StakeTransferred'] as const);
      const h2 = kind === 'StakeMoved' ? pick(HOTS) : ph;
      const c2 = kind === 'StakeTransferred' ? (TRACKED.find((x) => x !== pc) as string) : pc;
      const feeO = pn === 0 ? 0n : a / 2000n; // origin pays (315+) unless it is root: then the destination
      const tao = jitter(toTao(a - feeO, pn));
      const feeD = pn === 0 && to !== 0 ? (tao * 33n) / 65535n : 0n;
      const a2 = toAlpha(tao - feeD, to);
      if (tao === 0n || a2 === 0n) return;
      removed(pc, ph, pn, a, tao, feeO);
      e('StakeAdded', { cold: c2, hot: h2, netuid: to, tao, alpha: a2, fee: feeD });
      const o = { cold: pc, hot: ph, netuid: pn, destNet: to, tao };
      e(kind, kind === 'StakeMoved' ? { ...o, destHot: h2 } : kind === 'StakeTransferred' ? { ...o, counter: c2 } : o);
      ops.push({ k: 'sell', block, c: pc, h: ph, n: pn, alpha: a, tao });
      ops.push({ k: 'buy', block, c: c2, h: h2, n: to, alpha: a2, tao });
      add(pc, ph, pn, -a);
      add(c2, h2, to, a2);
    } else if (r < 0.82 && spec400()) {
      // α-paid transaction fee (≥397): the payer's StakeRemoved (fee 0) + TransactionFeePaidWithAlpha
      const f = a / BigInt(int(1, 50)) || 1n;
      const t = toTao(f, pn);
      e('StakeRemoved', { cold: pc, hot: ph, netuid: pn, tao: t, alpha: f });
      ops.push({ k: 'expense', block, c: pc, h: ph, n: pn, alpha: f });
      add(pc, ph, pn, -f);
      // Often the fee pays for a sale of the same position: its events come between (the same extrinsic).
      const rest = get(pc, ph, pn);
      if (rest > 0n && rnd() < 0.5) sale(pc, ph, pn, part(rest));
      e('TransactionFeePaidWithAlpha', { cold: pc, hot: null, netuid: pn, tao: t, alpha: f });
    } else if (r < 0.86) {
      e('AlphaRecycled', { cold: pc, hot: ph, netuid: pn, alpha: a });
      ops.push({ k: 'expense', block, c: pc, h: ph, n: pn, alpha: a });
      add(pc, ph, pn, -a);
    } else if (r < 0.9) {
      // root claim: Keep (α on the subnet, at its price then) or Swap (TAO on root)
      const keep = pn !== 0 && rnd() < 0.5;
      const amt = amount();
      const value = keep ? toTao(amt, pn) : amt;
      rootClaims.push({
        blockNumber: block,
        timestamp: tsOf(block),
        coldkey: pc,
        hotkey: ph,
        netuid: pn,
        mode: keep ? 'keep' : 'swap',
        alpha: keep ? amt : 0n,
        tao: keep ? 0n : amt,
      });
      ops.push({ k: 'income', block, c: pc, h: ph, n: keep ? pn : 0, alpha: amt, tao: value });
      add(pc, ph, keep ? pn : 0, amt);
    } else if (r < 0.95) {
      // emission: the chain's α grows silently (an epoch); booked at the next checkpoint
      add(pc, ph, pn, rnd() < 0.2 ? 1n : (get(pc, ph, pn) * BigInt(int(1, 3000))) / 100_000n);
    } else if (r < 0.97) {
      // unexplained: α lost silently, or α appearing on a position of the other wallet that holds none
      if (rnd() < 0.5) add(pc, ph, pn, -part(get(pc, ph, pn)));
      else if (get(other, h, n) === 0n) add(other, h, n, amount());
    } else {
      // oversell (damaged facts): more α than the chain held leaves; the position is empty after
      const extra = big(1n, 1000n);
      const all = get(pc, ph, pn);
      removed(pc, ph, pn, all + extra, jitter(toTao(all, pn)), 0n);
      ops.push({ k: 'sell', block, c: pc, h: ph, n: pn, alpha: all + extra, tao: (events.at(-1) as StakeEvent).tao });
      add(pc, ph, pn, -all);
    }
  };

  let fresh = 0;
  const effect = (kind: PositionEffect['kind'], c: string, h: string, n: number, alpha: bigint, tao: bigint): void =>
    void effects.push({
      blockNumber: block,
      timestamp: tsOf(block),
      eventIndex: idx,
      kind,
      coldkey: c,
      hotkey: h,
      netuid: n,
      alpha,
      tao,
    });
  /** The positions of `c` holding α: [hotkey, netuid, α]. */
  const holdings = (c: string): [string, number, bigint][] =>
    [...chain]
      .filter(([k, a]) => a > 0n && k.startsWith(`${c}|`))
      .map(([k, a]) => {
        const [, h, n] = k.split('|') as [string, string, string];
        return [h, Number(n), a];
      });
  /** A position change with no stake event of its own (./effects): swaps, a dissolution, a batched fill. */
  const silentChange = (): void => {
    const pos = held();
    if (pos === null) return;
    const [pc, ph, pn] = pos;
    const r = rnd();
    if (r < 0.3) {
      // hotkey swap: the wallet's α on ph, every subnet, goes to a new hotkey (a rename: the lots carry)
      const nh = `N${fresh++}`;
      for (const [h, n, a] of holdings(pc)) {
        if (h !== ph) continue;
        effect('HotkeySwapped', pc, ph, n, -a, 0n);
        effect('HotkeySwapped', pc, nh, n, a, 0n);
        ops.push({ k: 'carry', block, c: pc, h: ph, n, c2: pc, h2: nh, alpha: a, tao: toTao(a, n) });
        add(pc, ph, n, -a);
        add(pc, nh, n, a);
      }
    } else if (r < 0.55) {
      // coldkey swap: to the other watched wallet (the lots carry) or to a stranger (α leaves at spot)
      const to = rnd() < 0.6 ? (TRACKED.find((x) => x !== pc) as string) : STRANGER;
      for (const [h, n, a] of holdings(pc)) {
        effect('ColdkeySwapped', pc, h, n, -a, 0n);
        if (to !== STRANGER) effect('ColdkeySwapped', to, h, n, a, 0n);
        if (to === STRANGER) ops.push({ k: 'sell', block, c: pc, h, n, alpha: a, tao: toTao(a, n) });
        else ops.push({ k: 'carry', block, c: pc, h, n, c2: to, h2: h, alpha: a, tao: toTao(a, n) });
        add(pc, h, n, -a);
        add(to, h, n, a);
      }
    } else if (r < 0.65) {
      // a stranger's coldkey swapped to a watched wallet: α arrives at spot
      const a = amount();
      effect('ColdkeySwapped', pc, ph, pn, a, 0n);
      ops.push({ k: 'buy', block, c: pc, h: ph, n: pn, alpha: a, tao: toTao(a, pn) });
      add(pc, ph, pn, a);
    } else if (r < 0.75 && pn !== 0) {
      // dissolution: every watched position on the subnet closes at the TAO paid out
      for (const c of TRACKED)
        for (const [h, n, a] of holdings(c)) {
          if (n !== pn) continue;
          const tao = jitter(toTao(a, n));
          effect('NetworkRemoved', c, h, n, -a, tao);
          ops.push({ k: 'sell', block, c, h, n, alpha: a, tao });
          add(c, h, n, -a);
        }
    } else {
      // a batched limit-order fill: a buy (TAO leaves the free balance) or a sale
      const buy = rnd() < 0.5;
      const a = buy ? amount() : part(get(pc, ph, pn));
      const tao = jitter(toTao(a, pn)) || 1n;
      effect('OrderExecutedBatched', pc, ph, pn, buy ? a : -a, buy ? -tao : tao);
      ops.push({ k: buy ? 'buy' : 'sell', block, c: pc, h: ph, n: pn, alpha: a, tao });
      add(pc, ph, pn, buy ? a : -a);
    }
    idx++;
  };

  for (let s = 0; s < steps; s++) {
    block += int(1, 3);
    ext = 0;
    idx = 0;
    const k = rnd();
    if (k < 0.08) setPrice(block, pick([1, 2]), big(1n, 5n * E9));
    else if (k < 0.22) checkpointAll(pick(TRACKED));
    else {
      // one to three extrinsics in the block (same-block ordering: e.g. a transfer in then out)
      for (let i = rnd() < 0.25 ? int(2, 3) : 1; i > 0; i--)
        if (rnd() < 0.08) silentChange();
        else action();
      if (rnd() < 0.05) checkpointAll(pick(TRACKED)); // a checkpoint in the block of the legs: after them
    }
  }
  block += 1;
  for (const c of TRACKED) checkpointAll(c);
  // The model applies ops in replay order: events and root claims of a block, then its checkpoints.
  const rank = (o: Op): number => (o.k === 'cp' ? 2 : o.k === 'income' ? 1 : 0);
  const ordered = ops
    .map((o, i) => ({ o, i }))
    .sort((x, y) => x.o.block - y.o.block || rank(x.o) - rank(y.o) || x.i - y.i);
  return {
    input: {
      trackedColdkeys: TRACKED,
      events,
      checkpoints,
      snapshots,
      rootClaims,
      effects,
      historyStarts: Object.fromEntries(TRACKED.map((c) => [c, start])),
    },
    ops: ordered.map((x) => x.o),
    prices,
  };
}
