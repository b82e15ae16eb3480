// Rows for the mechanics of runtimes 397–424 that concern a coldkey: alpha-paid transaction fees,
// conviction locks, limit orders, hotkey and coldkey swaps, subnet dissolution and add_stake_burn.
// Event sequences and their economic meaning: docs/chain/mechanics.md.
import { u8aToHex } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import { hotkeySwapOf } from './swap-pairs';
import {
  baseRow,
  big,
  num,
  ss58,
  type DecodeContext,
  type DecodedEvent,
  type EventPhase,
  type SilentRef,
  type ClaimTransfers,
  type StakeEventRow,
} from './event-types';

/** "modl" ‖ PalletId("subtensr"): the prefix of every subnet account (docs/chain/mechanics.md). */
const SUBNET_ACCOUNT_PREFIX = '0x6d6f646c73756274656e7372';

/** The account holding subnet `netuid`'s TAO: PalletId("subtensr").into_sub_account_truncating(netuid). */
export function subnetAccount(netuid: number): string {
  const bytes = new Uint8Array(32);
  bytes.set([0x6d, 0x6f, 0x64, 0x6c, ...new TextEncoder().encode('subtensr'), netuid & 0xff, netuid >> 8]);
  return encodeAddress(bytes, 42);
}

const subnetAccounts = new Map<string, number | null>();
/** The netuid whose subnet account `address` is, else null. */
export function subnetOfAccount(address: string): number | null {
  let hit = subnetAccounts.get(address);
  if (hit === undefined) {
    const hex = u8aToHex(decodeAddress(address));
    hit =
      hex.startsWith(SUBNET_ACCOUNT_PREFIX) && /^0+$/.test(hex.slice(30))
        ? Number.parseInt(hex.slice(28, 30), 16) * 256 + Number.parseInt(hex.slice(26, 28), 16)
        : null;
    if (subnetAccounts.size > 10_000) subnetAccounts.clear();
    subnetAccounts.set(address, hit);
  }
  return hit;
}

const samePhase = (a: EventPhase, b: EventPhase) => a === b;

/** Events of the same phase before index `i`, back to (not including) the last one matching `stop`. */
function segmentBefore(events: DecodedEvent[], i: number, stop: (e: DecodedEvent) => boolean): DecodedEvent[] {
  const phase = events[i]!.phase;
  const out: DecodedEvent[] = [];
  for (let j = i - 1; j >= 0; j--) {
    const e = events[j]!;
    if (!samePhase(e.phase, phase) || stop(e)) break;
    out.unshift(e);
  }
  return out;
}

const isTransfer = (e: DecodedEvent) => e.section === 'balances' && e.method === 'Transfer';
const isStake = (e: DecodedEvent) =>
  e.section === 'subtensorModule' && (e.method === 'StakeAdded' || e.method === 'StakeRemoved') && e.data.length >= 5;
const isOrder = (e: DecodedEvent) => e.section === 'limitOrders' && e.method === 'OrderExecuted';

/** The events mechanicsOf reads: exactly the cases of its switch. */
const MECHANIC_EVENTS = new Set([
  'subtensorModule.RootClaimed',
  'subtensorModule.TransactionFeePaidWithAlpha',
  'subtensorModule.StakeLocked',
  'subtensorModule.LockMoved',
  'subtensorModule.HotkeySwapped',
  'subtensorModule.HotkeySwappedOnSubnet',
  'subtensorModule.ColdkeySwapped',
  'subtensorModule.NetworkRemoved',
  'subtensorModule.SharePoolDenominatorReconciled',
  'balances.Transfer',
  'subtensorModule.AddStakeBurn',
  'limitOrders.OrderExecuted',
]);

export function mechanicsOf(
  events: DecodedEvent[],
  ctx: DecodeContext,
  stakeRows: readonly StakeEventRow[],
): { rows: StakeEventRow[]; silent: SilentRef[]; claims: ClaimTransfers[] } {
  const { coldkey } = ctx;
  const rows: StakeEventRow[] = [];
  const silent: SilentRef[] = [];
  const claims: ClaimTransfers[] = [];
  events.forEach((e, i) => {
    const key = `${e.section}.${e.method}`;
    // Only these events' fields are decoded (a change block's other events are mostly fees and
    // transfers of other accounts: docs/chain/change-discovery.md#events-decoded-when-read).
    if (!MECHANIC_EVENTS.has(key)) return;
    const d = e.data;
    switch (key) {
      case 'subtensorModule.RootClaimed': {
        // From 441 the claim sells fund shares (RootClaimed{coldkey, tao}): no legacy payouts to derive.
        if (ss58(d[0]) !== coldkey || d.length >= 2) break;
        // From 411 each Swap claim moves its TAO from the subnet's account to root's, before the event.
        const transfers = segmentBefore(events, i, (x) => x.method === 'RootClaimed')
          .filter((t) => isTransfer(t) && subnetOfAccount(ss58(t.data[1])) === 0)
          .map((t) => ({
            eventIndex: t.index,
            phase: t.phase,
            from: ss58(t.data[0]),
            to: ss58(t.data[1]),
            amount: big(t.data[2]),
          }));
        claims.push({ eventIndex: e.index, transfers });
        break;
      }
      case 'subtensorModule.TransactionFeePaidWithAlpha': {
        if (ss58(d[0]) !== coldkey) break;
        // {who, alpha_fee, tao_amount} at 397–410; {who, netuid, alpha_fee, tao_amount} from 411.
        const withNetuid = d.length >= 4;
        const alphaFee = big(d[withNetuid ? 2 : 1]);
        // The fee was sold by a StakeRemoved(payer, fee 0) earlier in the same extrinsic (pre-dispatch).
        const sale = stakeRows.find(
          (r) =>
            r.kind === 'StakeRemoved' &&
            r.extrinsicIndex === e.extrinsicIndex &&
            r.eventIndex < e.index &&
            r.fee === 0n &&
            r.alpha === alphaFee &&
            (!withNetuid || r.netuid === num(d[1])),
        );
        rows.push({
          ...baseRow(e, 'TransactionFeePaidWithAlpha', coldkey),
          hotkey: sale?.hotkey ?? null,
          netuid: withNetuid ? num(d[1]) : (sale?.netuid ?? null),
          alpha: alphaFee,
          tao: big(d[withNetuid ? 3 : 2]),
          fee: alphaFee,
          feeUnit: 'alpha',
        });
        break;
      }
      case 'subtensorModule.StakeLocked':
        if (ss58(d[0]) !== coldkey) break;
        rows.push({ ...baseRow(e, 'StakeLocked', coldkey), hotkey: ss58(d[1]), netuid: num(d[2]), alpha: big(d[3]) });
        break;
      case 'subtensorModule.LockMoved':
        if (ss58(d[0]) !== coldkey) break;
        rows.push({
          ...baseRow(e, 'LockMoved', coldkey),
          hotkey: ss58(d[1]),
          destHotkey: ss58(d[2]),
          netuid: num(d[3]),
        });
        break;
      case 'subtensorModule.HotkeySwapped':
      case 'subtensorModule.HotkeySwappedOnSubnet': {
        const { owner, oldHotkey, newHotkey, netuid } = hotkeySwapOf(e)!;
        if (owner === coldkey)
          rows.push({
            ...baseRow(e, netuid === null ? 'HotkeySwapped' : 'HotkeySwappedOnSubnet', coldkey),
            hotkey: oldHotkey,
            destHotkey: newHotkey,
            netuid,
            destNetuid: netuid,
          });
        // Every nominator's positions on the old hotkey move, silently.
        if (ctx.hotkeys.has(oldHotkey))
          silent.push({ kind: 'HotkeySwapped', eventIndex: e.index, oldHotkey, newHotkey, netuid });
        break;
      }
      case 'subtensorModule.ColdkeySwapped': {
        const [oldColdkey, newColdkey] = [ss58(d[0]), ss58(d[1])];
        if (oldColdkey !== coldkey && newColdkey !== coldkey) break;
        // The whole free balance follows in one Balances.Transfer(old → new) before the event.
        const moved = segmentBefore(events, i, () => false)
          .filter((t) => isTransfer(t) && ss58(t.data[0]) === oldColdkey && ss58(t.data[1]) === newColdkey)
          .reduce((sum, t) => sum + big(t.data[2]), 0n);
        const cost = d.length >= 3 ? big(d[2]) : null; // swap_cost, in the event before spec 393
        rows.push({
          ...baseRow(e, 'ColdkeySwapped', oldColdkey),
          counterpartyColdkey: newColdkey,
          tao: moved,
          fee: cost ?? 0n,
          feeUnit: cost === null ? null : 'tao',
        });
        silent.push({ kind: 'ColdkeySwapped', eventIndex: e.index, oldColdkey, newColdkey });
        break;
      }
      case 'subtensorModule.NetworkRemoved': {
        const netuid = num(d[0]);
        if (!ctx.netuids.has(netuid)) break;
        // The payouts precede the event: one transfer per (hotkey, coldkey) position from the subnet account.
        const account = subnetAccount(netuid);
        const payouts = segmentBefore(events, i, () => false)
          .filter((t) => isTransfer(t) && ss58(t.data[0]) === account && ss58(t.data[1]) === coldkey)
          .map((t) => big(t.data[2]));
        silent.push({ kind: 'NetworkRemoved', eventIndex: e.index, netuid, payouts });
        break;
      }
      case 'subtensorModule.SharePoolDenominatorReconciled': {
        // 464+ migrations: the pool's positions change value silently (docs/chain/baskets.md#share-pool-reconcile).
        const [hotkey, netuid] = [ss58(d[0]), num(d[1])];
        if (ctx.hotkeys.has(hotkey) && ctx.netuids.has(netuid))
          silent.push({ kind: 'SharePoolDenominatorReconciled', eventIndex: e.index, hotkey, netuid });
        break;
      }
      case 'balances.Transfer': {
        // From 475 a dissolution pays out later, in a block hook's settle phase: one aggregated
        // transfer per coldkey from the subnet's account, outside any extrinsic
        // (docs/chain/swaps-and-dissolution.md#475-phased-dissolution).
        if (typeof e.phase === 'number' || ss58(d[1]) !== coldkey) break;
        const netuid = subnetOfAccount(ss58(d[0]));
        if (netuid === null || netuid === 0 || !ctx.netuids.has(netuid)) break;
        silent.push({ kind: 'NetworkRemoved', eventIndex: e.index, netuid, payouts: [big(d[2])] });
        break;
      }
      case 'subtensorModule.AddStakeBurn': {
        // {netuid, hotkey, amount, alpha}: the buyer is the coldkey of the StakeAdded just before it.
        const [netuid, hotkey] = [num(d[0]), ss58(d[1])];
        const buy = segmentBefore(events, i, (x) => x.method === 'AddStakeBurn')
          .reverse()
          .find(
            (x) => isStake(x) && x.method === 'StakeAdded' && ss58(x.data[1]) === hotkey && num(x.data[4]) === netuid,
          );
        if (!buy || ss58(buy.data[0]) !== coldkey) break;
        rows.push({ ...baseRow(e, 'AddStakeBurn', coldkey), hotkey, netuid, tao: big(d[2]), alpha: big(d[3]) });
        break;
      }
      case 'limitOrders.OrderExecuted': {
        if (ss58(d[1]) !== coldkey) break;
        rows.push(orderRow(events, i, ctx, silent));
        break;
      }
    }
  });
  return { rows, silent, claims };
}

/**
 * An executed limit order of the coldkey. execute_orders swaps in the signer's name (its own
 * StakeAdded/StakeRemoved precede the event; the order fee is a Balances.Transfer from the signer);
 * execute_batched_orders moves the signer's α silently and ends with a GroupExecutionSummary.
 */
function orderRow(events: DecodedEvent[], i: number, ctx: DecodeContext, silent: SilentRef[]): StakeEventRow {
  const e = events[i]!;
  const d = e.data;
  const netuid = num(d[2]);
  const buy = (d[3] as unknown as { isLimitBuy: boolean }).isLimitBuy;
  const [amountIn, amountOut] = [big(d[4]), big(d[5])];
  const batched = events.some(
    (x, j) =>
      j > i &&
      samePhase(x.phase, e.phase) &&
      x.section === 'limitOrders' &&
      x.method === 'GroupExecutionSummary' &&
      num(x.data[0]) === netuid,
  );
  const tao = buy ? amountIn : amountOut;
  const alpha = buy ? amountOut : amountIn;
  if (batched) {
    silent.push({ kind: 'OrderExecutedBatched', eventIndex: e.index, netuid, buy, alpha, tao });
    // The hotkey is not in the event: sync attributes it from the position change.
    return { ...baseRow(e, 'OrderExecutedBatched', ctx.coldkey), netuid, tao, alpha };
  }
  const segment = segmentBefore(events, i, isOrder);
  const swap = segment.find((x) => isStake(x) && ss58(x.data[0]) === ctx.coldkey && num(x.data[4]) === netuid);
  // The order fee: TAO the signer sent to an account that is not a subnet account.
  const fee = segment
    .filter((x) => isTransfer(x) && ss58(x.data[0]) === ctx.coldkey && subnetOfAccount(ss58(x.data[1])) === null)
    .reduce((sum, x) => sum + big(x.data[2]), 0n);
  return {
    ...baseRow(e, 'OrderExecuted', ctx.coldkey),
    hotkey: swap ? ss58(swap.data[1]) : null,
    netuid,
    tao,
    alpha,
    fee,
    feeUnit: 'tao',
  };
}
