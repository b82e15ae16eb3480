// Exit values and locks from the head facts sync recorded (docs/chain/locks.md,
// docs/chain/pricing-and-exit.md): where a coldkey's latest head checkpoint still describes a position
// (same α), its locked α is the chain's, and so is its exit value (the runtime's sim_swap_alpha_for_tao
// of the available α) unless a newer pool of its subnet is recorded that the closed form quotes
// exactly (then that); otherwise (its α changed since) the exit is the closed form from the pool reserves, on
// its α less its share of the subnet's lock the head read, which a stake change leaves in place.
// Aggregates sell each (coldkey, subnet) at once — one account's sale, as sync quotes it — and add the
// sales of different coldkeys (separate accounts, each quoted on the same pool).
import {
  alphaToTao,
  positionKey,
  quoteExit,
  SPEC_SWAP_V3,
  type AggregateResult,
  type EmissionRecord,
  type Engine,
  type Figures,
  type PnlResult,
  type PositionResult,
} from '../../shared/engine';
import type { HoldingView, UnexplainedView } from '../../shared/views';
import type { ExitSource } from '../../shared/vocab';
import type { HeadFacts } from '../db/repos/head-facts';

interface Sale {
  block: number | null;
  locked: bigint;
  available: bigint;
  lockedValue: bigint;
  exitValue: bigint;
  /** null: nothing to sell (no α), so it does not decide the aggregate's source. */
  source: ExitSource | null;
  approximate: boolean;
  locksRead: boolean;
}

export interface HeadValuation {
  /** The engine's result with every exitValue (and its approximate flag) taken from the holdings. */
  pnl: PnlResult;
  positions: Map<string, HoldingView>;
  /** By `aggregateKey(kind, key)` of the engine's aggregates (subnet, wallet, group, total). */
  aggregates: Map<string, HoldingView>;
}

/** Aggregates are kept by kind and key: a group may be named like a subnet key or "total". */
export const aggregateKey = (a: Pick<AggregateResult, 'kind' | 'key'>) => `${a.kind}|${a.key}`;

const pairKey = (coldkey: string, netuid: number) => `${coldkey}|${netuid}`;

function holdingOf(s: Sale): HoldingView {
  const { block, locked, available, lockedValue, exitValue, locksRead } = s;
  return { block, locked, available, lockedValue, exitValue, exitSource: s.source ?? 'closed-form', locksRead };
}

function sumSales(sales: readonly Sale[]): Sale {
  const out: Sale = {
    block: null,
    locked: 0n,
    available: 0n,
    lockedValue: 0n,
    exitValue: 0n,
    source: null,
    approximate: false,
    locksRead: sales.length > 0,
  };
  for (const s of sales) {
    out.locked += s.locked;
    out.available += s.available;
    out.lockedValue += s.lockedValue;
    out.exitValue += s.exitValue;
    out.approximate ||= s.approximate;
    out.locksRead &&= s.locksRead;
    if (s.block !== null && (out.block === null || s.block > out.block)) out.block = s.block;
    if (s.source !== null) out.source = out.source === null || out.source === s.source ? s.source : 'mixed';
  }
  return out;
}

/** Exit values and locks of every position and aggregate of `pnl` (see the header). */
export function valueAtHead(
  pnl: PnlResult,
  engine: Engine,
  heads: ReadonlyMap<string, HeadFacts>,
  specVersion: number,
): HeadValuation {
  const block = pnl.asOfBlock;
  const closedForm = (netuid: number, alpha: bigint) => {
    const pool = engine.prices.poolAt(netuid, block);
    if (!pool || alpha <= 0n) return { tao: 0n, approximate: false };
    const q = quoteExit(alpha, pool, engine.prices.snapshotAt(netuid, block)?.specVersion ?? specVersion);
    return { tao: q.tao, approximate: q.approximate };
  };
  /** The head facts of a coldkey, if they are not newer than what the figures describe. */
  const headOf = (coldkey: string) => {
    const h = heads.get(coldkey);
    return h && h.block <= block ? h : null;
  };

  /**
   * The exit of `alpha` on a pool recorded after the head (another wallet's change block while
   * following live moves every subnet's price), where the closed form is exact there: the spot value
   * moved to that pool, so the head's quote at its older one no longer goes with it. Null where the
   * head's pool is still the latest, or where the closed form would not be exact (a pool read without
   * its balancer weight or, from swap v3 on, its fee rate, as heads read them): the chain's quote stays.
   */
  const newerExit = (netuid: number, headBlock: number, alpha: bigint) => {
    const snap = engine.prices.snapshotAt(netuid, block);
    if (!snap || snap.blockNumber <= headBlock) return null;
    const feeRate = engine.prices.poolAt(netuid, block)?.feeRate ?? null;
    if (netuid !== 0 && (snap.specVersion ?? specVersion) >= SPEC_SWAP_V3 && feeRate === null) return null;
    const q = closedForm(netuid, alpha);
    return q.approximate ? null : q;
  };

  const rowsOf = new Map(
    [...heads.values()].map((h) => [h.coldkey, new Map(h.positions.map((r) => [`${r.hotkey}|${r.netuid}`, r]))]),
  );
  const stakeOf = (coldkey: string, netuid: number) => headOf(coldkey)?.subnets.find((s) => s.netuid === netuid);
  const heldOf = (p: PositionResult) => (p.figures.alpha > 0n ? p.figures.alpha : 0n);
  /** The head row of a position while it still describes it (same α), else undefined. */
  const headRow = (p: PositionResult) => {
    const row = headOf(p.coldkey) ? rowsOf.get(p.coldkey)?.get(`${p.hotkey}|${p.netuid}`) : undefined;
    return row && row.alpha === heldOf(p) ? row : undefined;
  };
  const byPair = new Map<string, PositionResult[]>();
  for (const p of pnl.positions) {
    const pk = pairKey(p.coldkey, p.netuid);
    byPair.set(pk, [...(byPair.get(pk) ?? []), p]);
  }
  const carried = carriedLocks(byPair, headRow, stakeOf, heldOf);
  const positionSales = new Map<string, Sale>();
  for (const p of pnl.positions) {
    const price = p.price?.price ?? null;
    const alpha = heldOf(p);
    const head = headOf(p.coldkey);
    const row = headRow(p);
    const stake = stakeOf(p.coldkey, p.netuid);
    let sale: Sale;
    if (head && row) {
      // Nothing available (all locked) sells for exactly 0: sync asks the runtime nothing then.
      const newer = row.available > 0n ? newerExit(p.netuid, head.block, row.available) : null;
      const quoted = newer ? null : (row.exit ?? (row.available === 0n ? { tao: 0n } : null));
      const computed = quoted ? null : (newer ?? closedForm(p.netuid, row.available));
      sale = {
        block: head.block,
        locked: row.locked,
        available: row.available,
        lockedValue: price === null ? 0n : alphaToTao(row.locked, price),
        exitValue: quoted?.tao ?? computed?.tao ?? 0n,
        source: alpha === 0n ? null : quoted ? 'chain' : 'closed-form',
        approximate: computed?.approximate ?? false,
        locksRead: stake?.locksRead ?? false,
      };
    } else {
      // Changed since the head: its share of the subnet's lock the head read (still binding), the rest
      // sold in closed form.
      const locked = carried.get(p.key) ?? 0n;
      const computed = closedForm(p.netuid, alpha - locked);
      sale = {
        block: null,
        locked,
        available: alpha - locked,
        lockedValue: price === null ? 0n : alphaToTao(locked, price),
        exitValue: computed.tao,
        source: alpha === 0n ? null : 'closed-form',
        approximate: computed.approximate,
        locksRead: stake?.locksRead ?? false,
      };
    }
    positionSales.set(p.key, sale);
  }

  // One sale per (coldkey, subnet): the chain's quote of all its available α where the head facts
  // still hold for every position on it, else the closed form of the positions' available α at once.
  const pairSales = new Map<string, Sale>();
  for (const [pk, members] of byPair) {
    const first = members[0] as PositionResult;
    const parts = members.map((m) => positionSales.get(m.key) as Sale);
    const summed = sumSales(parts);
    const stake = stakeOf(first.coldkey, first.netuid);
    const held = members.reduce((a, m) => a + heldOf(m), 0n);
    // Closed positions (no α, so no head row) do not decide whether the head facts still hold.
    const fromHead = parts.every((s) => s.block !== null || s.source === null) && stake?.total === held;
    const headBlock = headOf(first.coldkey)?.block;
    const newer =
      fromHead && headBlock !== undefined && summed.available > 0n
        ? newerExit(first.netuid, headBlock, summed.available)
        : null;
    const quoted = fromHead && stake && !newer ? (stake.exit ?? (stake.available === 0n ? { tao: 0n } : null)) : null;
    if (quoted) {
      pairSales.set(pk, { ...summed, exitValue: quoted.tao, source: held === 0n ? null : 'chain' });
    } else {
      const computed = newer ?? closedForm(first.netuid, summed.available);
      pairSales.set(pk, {
        ...summed,
        exitValue: computed.tao,
        approximate: computed.approximate,
        source: held === 0n ? null : 'closed-form',
      });
    }
  }

  const byKey = new Map(pnl.positions.map((p) => [p.key, p]));
  const aggregate = (a: AggregateResult): Sale => {
    const pairs = new Set<string>();
    for (const key of a.positions) {
      const p = byKey.get(key);
      if (p) pairs.add(pairKey(p.coldkey, p.netuid));
    }
    return sumSales([...pairs].map((k) => pairSales.get(k) as Sale));
  };
  const withExit = (f: Figures, s: Sale): Figures => ({
    ...f,
    exitValue: s.exitValue,
    flags: { ...f.flags, exitApproximate: s.approximate },
  });

  const aggregates = new Map<string, HoldingView>();
  const patch = (a: AggregateResult): AggregateResult => {
    // Basket positions (in the total, wallets and groups: shared/engine/basket-totals.ts) exit at their value.
    let baskets = a.figures.spotValue;
    for (const key of a.positions) baskets -= byKey.get(key)?.figures.spotValue ?? 0n;
    const sub = aggregate(a);
    const s = { ...sub, exitValue: sub.exitValue + baskets };
    aggregates.set(aggregateKey(a), holdingOf(s));
    return { ...a, figures: withExit(a.figures, s) };
  };
  const patched: PnlResult = {
    ...pnl,
    positions: pnl.positions.map((p) => ({ ...p, figures: withExit(p.figures, positionSales.get(p.key) as Sale) })),
    subnets: pnl.subnets.map((a) => patch(a)),
    wallets: pnl.wallets.map((a) => patch(a)),
    groups: pnl.groups.map((a) => patch(a)),
    total: patch(pnl.total),
  };
  const positions = new Map([...positionSales].map(([k, s]) => [k, holdingOf(s)]));
  return { pnl: patched, positions, aggregates };
}

/**
 * The locked α of positions whose α changed since their coldkey's head checkpoint (a stake added or
 * sold since), by position key. The lock is one per (coldkey, subnet) and stays when stake changes:
 * adding stake leaves it, a sale can only take the available α, and its decay is silent and slow
 * (≈ 0.03 % over the 300 blocks between live head checkpoints, docs/chain/locks.md). So the subnet's
 * locked α the head read (at most the α held now) still binds; what the unchanged positions do not
 * carry falls on the changed ones, the lock's hotkey first, then the largest (sync's attributeLock).
 */
function carriedLocks(
  byPair: ReadonlyMap<string, readonly PositionResult[]>,
  headRow: (p: PositionResult) => { locked: bigint } | undefined,
  stakeOf: (coldkey: string, netuid: number) => { locked: bigint; lockHotkey: string | null } | undefined,
  heldOf: (p: PositionResult) => bigint,
): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const members of byPair.values()) {
    const first = members[0] as PositionResult;
    const stake = stakeOf(first.coldkey, first.netuid);
    if (!stake || stake.locked <= 0n) continue;
    const held = members.reduce((a, m) => a + heldOf(m), 0n);
    let left = stake.locked < held ? stake.locked : held;
    const changed: PositionResult[] = [];
    for (const m of members) {
      const row = headRow(m);
      if (row) left -= row.locked;
      else if (heldOf(m) > 0n) changed.push(m);
    }
    changed.sort(
      (a, b) =>
        Number(b.hotkey === stake.lockHotkey) - Number(a.hotkey === stake.lockHotkey) ||
        (heldOf(a) > heldOf(b) ? -1 : heldOf(a) < heldOf(b) ? 1 : a.hotkey < b.hotkey ? -1 : 1),
    );
    for (const m of changed) {
      const take = left <= 0n ? 0n : left < heldOf(m) ? left : heldOf(m);
      out.set(m.key, take);
      left -= take;
    }
  }
  return out;
}

/** The reconciliation's unexplained changes, in block order (never income: docs/chain/reconciliation.md). */
export function unexplainedChanges(
  emissions: readonly EmissionRecord[],
  labelOf: (coldkey: string) => string | null,
): UnexplainedView[] {
  return emissions
    .filter((e) => e.kind === 'unexplained')
    .map((e) => ({
      coldkey: e.coldkey,
      walletLabel: labelOf(e.coldkey),
      hotkey: e.hotkey,
      netuid: e.netuid,
      fromBlock: e.fromBlock < 0 ? null : e.fromBlock,
      block: e.toBlock,
      timestamp: e.timestamp,
      alpha: e.alpha,
      tao: e.tao,
    }))
    .sort(
      (a, b) =>
        a.block - b.block ||
        a.netuid - b.netuid ||
        positionKey(a.coldkey, a.hotkey, a.netuid).localeCompare(positionKey(b.coldkey, b.hotkey, b.netuid)),
    );
}
