/**
 * Ground truth for the scenario's user coldkeys: every stake event touching them (with summaries and
 * root-claim payouts, which the chain event does not carry) and their α at every epoch of each
 * position's subnet. Amounts are decimal strings (rao / alpha-rao).
 */
import type { Chain } from './chain/chain.js';
import { ss58 } from './chain/accounts.js';

export interface Truth {
  endpoint: string;
  head: number;
  finalized: number;
  specVersions: { from: number; spec: number }[];
  coldkeys: string[];
  events: {
    block: number;
    eventIndex: number;
    extrinsicIndex: number | null;
    kind: string;
    coldkey: string;
    hotkey: string;
    netuid: number;
    tao: string;
    alpha: string;
    fee: string;
    destColdkey?: string;
    destHotkey?: string;
    destNetuid?: number;
  }[];
  positions: { block: number; coldkey: string; hotkey: string; netuid: number; alpha: string }[];
}

export function buildTruth(chain: Chain, endpoint: string, finalized: number, upTo = chain.head): Truth {
  const events = chain.truthEvents
    .filter((e) => e.block <= upTo)
    .map((e) => ({
      block: e.block,
      eventIndex: e.eventIndex,
      extrinsicIndex: e.extrinsicIndex,
      kind: e.kind,
      coldkey: ss58(e.coldkey),
      hotkey: ss58(e.hotkey),
      netuid: e.netuid,
      tao: e.tao.toString(),
      alpha: e.alpha.toString(),
      fee: e.fee.toString(),
      ...(e.destColdkey ? { destColdkey: ss58(e.destColdkey) } : {}),
      ...(e.destHotkey ? { destHotkey: ss58(e.destHotkey) } : {}),
      ...(e.destNetuid !== undefined ? { destNetuid: e.destNetuid } : {}),
    }));
  const positions: Truth['positions'] = [];
  for (const [k, from] of chain.trackedPositionsFrom) {
    const [cold, hot, n] = k.split('|') as [string, string, string];
    const netuid = Number(n);
    const first = chain.epochs.epochsAt(netuid, from) + 1;
    const last = chain.epochs.epochsAt(netuid, upTo);
    for (let e = first; e <= last; e++) {
      const b = chain.epochs.epochBlock(netuid, e);
      const alpha = chain.stake(hot, cold, netuid, b);
      if (alpha > 0n)
        positions.push({ block: b, coldkey: ss58(cold), hotkey: ss58(hot), netuid, alpha: alpha.toString() });
    }
  }
  positions.sort(
    (a, b) =>
      a.block - b.block ||
      a.coldkey.localeCompare(b.coldkey) ||
      a.netuid - b.netuid ||
      a.hotkey.localeCompare(b.hotkey),
  );
  return {
    endpoint,
    head: upTo,
    finalized,
    specVersions: chain.specs.map((s) => ({ from: s.from, spec: s.spec })),
    coldkeys: [...chain.tracked].map(ss58),
    events,
    positions,
  };
}
