/**
 * Ground truth for the scenario's user coldkeys (shape documented in devnet/README.md): every event
 * touching them, with the effects no event carries (root-claim payouts, swaps, dissolution payouts,
 * batched order fills); their α and the emission α of every epoch of each position's subnet; their
 * locks at those epochs; and injected α changes no rule explains. Amounts are decimal strings.
 */
import type { Chain } from './chain/chain.js';
import { ss58 } from './chain/accounts.js';
import type { BasketTruth } from './truth-baskets.js';
import { buildBasketTruth } from './truth-baskets.js';
import { namesPosition } from './truth-positions';

export interface Truth {
  endpoint: string;
  head: number;
  finalized: number;
  specVersions: { from: number; spec: number }[];
  coldkeys: string[];
  /**
   * Every event touching the coldkeys. `SubnetLeaseDividendsDistributed` names no position: its hotkey
   * and netuid are null (the paired StakeAdded just before it carries the position).
   */
  events: {
    block: number;
    eventIndex: number;
    extrinsicIndex: number | null;
    kind: string;
    coldkey: string;
    hotkey: string | null;
    netuid: number | null;
    tao: string;
    alpha: string;
    fee: string;
    destColdkey?: string;
    destHotkey?: string;
    destNetuid?: number;
    orderType?: string;
    batched?: boolean;
  }[];
  positions: { block: number; coldkey: string; hotkey: string; netuid: number; alpha: string }[];
  /** α each position gained from emission at each epoch block of its subnet (> 0 only) */
  emissions: { block: number; coldkey: string; hotkey: string; netuid: number; alpha: string }[];
  /** each tracked lock at each epoch block of its subnet: locked α rolled forward to that block */
  locks: { block: number; coldkey: string; hotkey: string; netuid: number; locked: string }[];
  /** silent α changes no event explains (signed), for reconciliation tests */
  injected: { block: number; coldkey: string; hotkey: string; netuid: number; alpha: string }[];
  /**
   * Chains with a subnet lease only: each lease dividend a coldkey received, i.e. the StakeAdded
   * (block, eventIndex) of a distribution's transfer to it, with its position, α and TAO worth.
   */
  leaseDividends?: LeaseDividend[];
  /**
   * Chains with miners only: every miner incentive credited to a tracked coldkey (devnet/README.md, Miners):
   * `hotkey` is where the α landed (the auto-stake destination, or the miner hotkey itself), `event`
   * whether AutoStakeAdded was emitted (it is then also in `events`).
   */
  minerIncentives?: MinerIncentive[];
  /** basket era only (absent before it): fund shares of the coldkeys per validator, and the funds */
  baskets?: BasketTruth['baskets'];
  funds?: BasketTruth['funds'];
}

export interface LeaseDividend {
  block: number;
  /** index of the StakeAdded in the block's System.Events */
  eventIndex: number;
  coldkey: string;
  hotkey: string;
  netuid: number;
  alpha: string;
  /** the transfer's TAO worth at the spot price (StakeAdded.tao) */
  tao: string;
}

export interface MinerIncentive {
  block: number;
  coldkey: string;
  hotkey: string;
  netuid: number;
  miner: string;
  alpha: string;
  event: boolean;
}

const LEASE_KIND = 'SubnetLeaseDividendsDistributed';

export function buildTruth(chain: Chain, endpoint: string, finalized: number, upTo = chain.head): Truth {
  const events = chain.truthEvents
    .filter((e) => e.block <= upTo)
    .map((e) => ({
      block: e.block,
      eventIndex: e.eventIndex,
      extrinsicIndex: e.extrinsicIndex,
      kind: e.kind,
      coldkey: ss58(e.coldkey),
      // the lease event names no position (see Truth.events)
      hotkey: e.kind === LEASE_KIND ? null : ss58(e.hotkey),
      netuid: e.kind === LEASE_KIND ? null : e.netuid,
      tao: e.tao.toString(),
      alpha: e.alpha.toString(),
      fee: e.fee.toString(),
      ...(e.destColdkey ? { destColdkey: ss58(e.destColdkey) } : {}),
      ...(e.destHotkey ? { destHotkey: ss58(e.destHotkey) } : {}),
      ...(e.destNetuid !== undefined ? { destNetuid: e.destNetuid } : {}),
      ...(e.orderType !== undefined ? { orderType: e.orderType, batched: e.batched ?? false } : {}),
    }));
  const positions: Truth['positions'] = [];
  const emissions: Truth['emissions'] = [];
  for (const [k, from] of chain.trackedPositionsFrom) {
    const [cold, hot, n] = k.split('|') as [string, string, string];
    const netuid = Number(n);
    const first = chain.epochs.epochsAt(netuid, from) + 1;
    const last = chain.epochs.epochsAt(netuid, upTo);
    for (let e = first; e <= last; e++) {
      const b = chain.epochs.epochBlock(netuid, e);
      const at = { block: b, coldkey: ss58(cold), hotkey: ss58(hot), netuid };
      const alpha = chain.stake(hot, cold, netuid, b);
      if (alpha > 0n) positions.push({ ...at, alpha: alpha.toString() });
      const emitted = chain.emissionAt(hot, cold, netuid, b);
      if (emitted > 0n) emissions.push({ ...at, alpha: emitted.toString() });
    }
  }
  const locks: Truth['locks'] = [];
  for (const { cold, netuid } of chain.locks.keys()) {
    if (!chain.tracked.has(cold)) continue;
    for (let e = 1, b = chain.epochs.epochBlock(netuid, 1); b <= upTo; e++, b = chain.epochs.epochBlock(netuid, e)) {
      const l = chain.locks.rolled(cold, netuid, b);
      if (l)
        locks.push({
          block: b,
          coldkey: ss58(cold),
          hotkey: ss58(l.hotkey),
          netuid,
          locked: l.state.lockedMass.toString(),
        });
    }
  }
  const injected = chain.injections
    .filter((i) => i.block <= upTo)
    .map((i) => ({
      block: i.block,
      coldkey: ss58(i.coldkey),
      hotkey: ss58(i.hotkey),
      netuid: i.netuid,
      alpha: i.alpha.toString(),
    }));
  const order = (a: { block: number; coldkey: string; netuid: number; hotkey: string }, b: typeof a) =>
    a.block - b.block || a.coldkey.localeCompare(b.coldkey) || a.netuid - b.netuid || a.hotkey.localeCompare(b.hotkey);
  positions.sort(order);
  emissions.sort(order);
  locks.sort(order);
  return {
    endpoint,
    head: upTo,
    finalized,
    specVersions: chain.specs.map((s) => ({ from: s.from, spec: s.spec })),
    coldkeys: [...chain.tracked].map(ss58),
    events,
    positions,
    emissions,
    locks,
    injected,
    ...(chain.leases.all.length ? { leaseDividends: leaseDividends(events) } : {}),
    ...(chain.hasMiners ? { minerIncentives: minerIncentives(chain, upTo) } : {}),
    ...(chain.basket.from <= upTo ? buildBasketTruth(chain, upTo) : {}),
  };
}

/** The miner incentive credits of tracked coldkeys up to `upTo`, in block order. */
function minerIncentives(chain: Chain, upTo: number): MinerIncentive[] {
  return chain.minerCredits
    .filter((x) => x.block <= upTo && chain.tracked.has(x.coldkey))
    .map((x) => ({
      block: x.block,
      coldkey: ss58(x.coldkey),
      hotkey: ss58(x.hotkey),
      netuid: x.netuid,
      miner: ss58(x.miner),
      alpha: x.alpha.toString(),
      event: x.event,
    }));
}

/** The StakeAdded just before each lease event of a tracked coldkey is its dividend (leases.ts emits them in pairs). */
function leaseDividends(events: Truth['events']): LeaseDividend[] {
  const byIndex = new Map(
    events.filter(namesPosition).map((e) => [`${e.block}|${e.eventIndex}|${e.kind}|${e.coldkey}`, e]),
  );
  return events
    .filter((e) => e.kind === LEASE_KIND)
    .map((e) => {
      const added = byIndex.get(`${e.block}|${e.eventIndex - 1}|StakeAdded|${e.coldkey}`);
      if (!added || added.alpha !== e.alpha)
        throw new Error(`lease event at ${e.block}/${e.eventIndex} has no StakeAdded`);
      const { block, eventIndex, coldkey, hotkey, netuid, alpha, tao } = added;
      return { block, eventIndex, coldkey, hotkey, netuid, alpha, tao };
    });
}
