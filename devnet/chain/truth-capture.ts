/**
 * Ground-truth capture: which events of a block touch the tracked coldkeys, in the shape of the
 * truth file (summaries and root-claim payouts included).
 */
import type { Acc } from './accounts.js';
import type { EventRec, TruthEvent } from './types.js';

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
      const [cold] = a as [Acc];
      if (!tracked.has(cold)) break;
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
  for (const x of e.silent ?? []) {
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
