/**
 * Ground-truth capture: which events of a block touch the tracked coldkeys, in the shape of the
 * truth file (summaries and root-claim payouts included).
 */
import type { Acc } from './accounts.js';
import type { EventRec, SilentEffect, TruthEvent } from './types.js';

export function truthFor(
  tracked: Set<Acc>,
  block: number,
  eventIndex: number,
  phase: number | null,
  e: EventRec,
): TruthEvent[] {
  const base = { block, eventIndex, extrinsicIndex: phase };
  const a = e.args;
  const out: TruthEvent[] = [];
  switch (e.name) {
    case 'StakeAdded':
    case 'StakeRemoved': {
      const [cold, hot, tao, alpha, netuid, fee] = a as [Acc, Acc, bigint, bigint, number, bigint];
      if (tracked.has(cold)) out.push({ ...base, kind: e.name, coldkey: cold, hotkey: hot, netuid, tao, alpha, fee });
      break;
    }
    case 'StakeMoved': {
      const [cold, oHot, oNet, dHot, dNet, tao] = a as [Acc, Acc, number, Acc, number, bigint];
      if (tracked.has(cold)) {
        out.push({
          ...base,
          kind: e.name,
          coldkey: cold,
          hotkey: oHot,
          netuid: oNet,
          tao,
          alpha: 0n,
          fee: 0n,
          destHotkey: dHot,
          destNetuid: dNet,
        });
      }
      break;
    }
    case 'StakeTransferred': {
      const [oCold, dCold, hot, oNet, dNet, tao] = a as [Acc, Acc, Acc, number, number, bigint];
      if (tracked.has(oCold) || tracked.has(dCold)) {
        out.push({
          ...base,
          kind: e.name,
          coldkey: oCold,
          hotkey: hot,
          netuid: oNet,
          tao,
          alpha: 0n,
          fee: 0n,
          destColdkey: dCold,
          destNetuid: dNet,
        });
      }
      break;
    }
    case 'StakeSwapped': {
      const [cold, hot, oNet, dNet, tao] = a as [Acc, Acc, number, number, bigint];
      if (tracked.has(cold)) {
        out.push({
          ...base,
          kind: e.name,
          coldkey: cold,
          hotkey: hot,
          netuid: oNet,
          tao,
          alpha: 0n,
          fee: 0n,
          destNetuid: dNet,
        });
      }
      break;
    }
    case 'AlphaRecycled':
    case 'AlphaBurned': {
      const [cold, hot, alpha, netuid] = a as [Acc, Acc, bigint, number];
      if (tracked.has(cold))
        out.push({ ...base, kind: e.name, coldkey: cold, hotkey: hot, netuid, tao: 0n, alpha, fee: 0n });
      break;
    }
    case 'RootClaimed': {
      const [cold, claimedTao] = a as [Acc, bigint | undefined];
      if (!tracked.has(cold)) break;
      // basket era: the event carries the TAO staked on root (per validator: BasketClaimed)
      if (claimedTao !== undefined) {
        out.push({
          ...base,
          kind: e.name,
          coldkey: cold,
          hotkey: cold,
          netuid: 0,
          tao: claimedTao,
          alpha: 0n,
          fee: 0n,
        });
        break;
      }
      for (const p of e.payouts ?? []) {
        out.push({
          ...base,
          kind: p.kind,
          coldkey: cold,
          hotkey: p.hotkey,
          netuid: p.netuid,
          tao: p.tao,
          alpha: p.alpha,
          fee: 0n,
        });
      }
      break;
    }
    case 'TransactionFeePaidWithAlpha': {
      const [cold, netuid, alpha, tao] = a as [Acc, number, bigint, bigint];
      if (tracked.has(cold)) {
        const hotkey = e.meta?.hotkey ?? cold;
        out.push({ ...base, kind: e.name, coldkey: cold, hotkey, netuid, tao, alpha, fee: 0n });
      }
      break;
    }
    case 'StakeLocked': {
      const [cold, hot, netuid, alpha] = a as [Acc, Acc, number, bigint];
      if (tracked.has(cold))
        out.push({ ...base, kind: e.name, coldkey: cold, hotkey: hot, netuid, tao: 0n, alpha, fee: 0n });
      break;
    }
    case 'LockMoved': {
      const [cold, origin, dest, netuid] = a as [Acc, Acc, Acc, number];
      if (tracked.has(cold)) {
        out.push({
          ...base,
          kind: e.name,
          coldkey: cold,
          hotkey: origin,
          destHotkey: dest,
          netuid,
          tao: 0n,
          alpha: 0n,
          fee: 0n,
        });
      }
      break;
    }
    case 'AddStakeBurn': {
      const [netuid, hot, tao, alpha] = a as [number, Acc, bigint, bigint];
      const cold = e.meta?.coldkey;
      if (cold && tracked.has(cold))
        out.push({ ...base, kind: e.name, coldkey: cold, hotkey: hot, netuid, tao, alpha, fee: 0n });
      break;
    }
    case 'SubnetLeaseDividendsDistributed': {
      const [, contributor, alpha] = a as [number, Acc, bigint];
      const { hotkey, netuid } = e.meta ?? {};
      if (tracked.has(contributor) && hotkey !== undefined && netuid !== undefined)
        out.push({ ...base, kind: e.name, coldkey: contributor, hotkey, netuid, tao: 0n, alpha, fee: 0n });
      break;
    }
    case 'AutoStakeAdded': {
      // the owner's α on (destination, netuid); the miner hotkey is not part of the line
      const [netuid, dest, , owner, alpha] = a as [number, Acc, Acc, Acc, bigint];
      if (tracked.has(owner))
        out.push({ ...base, kind: e.name, coldkey: owner, hotkey: dest, netuid, tao: 0n, alpha, fee: 0n });
      break;
    }
    case 'OrderExecuted': {
      const [, signer, netuid, orderType, amountIn, amountOut] = a as [string, Acc, number, string, bigint, bigint];
      if (!tracked.has(signer)) break;
      const buy = orderType === 'LimitBuy';
      out.push({
        ...base,
        kind: e.name,
        coldkey: signer,
        hotkey: e.meta?.hotkey ?? signer,
        netuid,
        tao: buy ? amountIn : amountOut,
        alpha: buy ? amountOut : amountIn,
        fee: e.meta?.fee ?? 0n,
        orderType,
        batched: e.silent !== undefined,
      });
      break;
    }
  }
  out.push(...basketTruth(tracked, base, e), ...silentTruth(tracked, base, e.silent ?? []));
  return out;
}

type Base = Pick<TruthEvent, 'block' | 'eventIndex' | 'extrinsicIndex'>;

/** Basket-era events of tracked coldkeys (for basket entries `alpha` counts fund shares). */
function basketTruth(tracked: Set<Acc>, base: Base, e: EventRec): TruthEvent[] {
  const a = e.args;
  const zero = { tao: 0n, alpha: 0n, fee: 0n, netuid: 0 };
  switch (e.name) {
    case 'BasketClaimed': {
      const [hot, cold, tao] = a as [Acc, Acc, bigint];
      return tracked.has(cold)
        ? [{ ...base, ...zero, kind: e.name, coldkey: cold, hotkey: hot, tao, alpha: e.meta?.fee ?? 0n }]
        : [];
    }
    case 'BasketStakedIn': {
      const [hot, cold, tao, value, shares] = a as [Acc, Acc, bigint, bigint, bigint];
      return tracked.has(cold)
        ? [{ ...base, ...zero, kind: e.name, coldkey: cold, hotkey: hot, tao, alpha: shares, fee: tao - value }]
        : [];
    }
    case 'BasketClaimDustSkipped': {
      const [hot, cold, , forfeited] = a as [Acc, Acc, number, bigint];
      return tracked.has(cold) ? [{ ...base, ...zero, kind: e.name, coldkey: cold, hotkey: hot, tao: forfeited }] : [];
    }
    case 'StakeAndHotkeyTransferred': {
      const [oCold, dCold, oHot, dHot, oNet, dNet, tao] = a as [Acc, Acc, Acc, Acc, number, number, bigint];
      if (!tracked.has(oCold) && !tracked.has(dCold)) return [];
      return [
        {
          ...base,
          ...zero,
          kind: e.name,
          coldkey: oCold,
          hotkey: oHot,
          netuid: oNet,
          tao,
          destColdkey: dCold,
          destHotkey: dHot,
          destNetuid: dNet,
        },
      ];
    }
    case 'CollateralLocked': {
      const [netuid, hot, locked] = a as [number, Acc, bigint];
      const cold = e.meta?.coldkey;
      return cold && tracked.has(cold)
        ? [{ ...base, ...zero, kind: e.name, coldkey: cold, hotkey: hot, netuid, alpha: locked }]
        : [];
    }
    default:
      return [];
  }
}

/** One truth entry per silent effect touching a tracked coldkey, at the index of the event carrying it. */
export function silentTruth(tracked: Set<Acc>, base: Base, effects: SilentEffect[]): TruthEvent[] {
  const out: TruthEvent[] = [];
  for (const x of effects) {
    if (!tracked.has(x.coldkey) && !(x.destColdkey && tracked.has(x.destColdkey))) continue;
    out.push({
      ...base,
      kind: x.kind,
      coldkey: x.coldkey,
      hotkey: x.hotkey,
      netuid: x.netuid,
      tao: x.tao,
      alpha: x.alpha,
      fee: 0n,
      ...(x.destColdkey ? { destColdkey: x.destColdkey } : {}),
      ...(x.destHotkey ? { destHotkey: x.destHotkey } : {}),
    });
  }
  return out;
}
