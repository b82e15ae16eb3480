/**
 * The LimitOrders pallet (pallet 32, spec ≥ 423; see docs/chain/limit-orders.md), signed by a relayer:
 *  - execute_orders: each order is an ordinary stake / unstake of its signer (StakeAdded /
 *    StakeRemoved with transfers), the order fee a Balances.Transfer to the fee recipient, then
 *    OrderExecuted{order_id, signer, netuid, order_type, amount_in, amount_out};
 *  - execute_batched_orders: buyers' TAO goes to the pallet account (transfers), sellers' α moves to the
 *    pallet's hotkey silently; only the net is swapped, by the pallet account (its own stake event);
 *    buyers get α silently, sellers TAO by transfer, at the batch's price; each signer sees only
 *    OrderExecuted; then fee transfers and GroupExecutionSummary.
 * Signatures, limit prices, expiry and partial fills are not modelled: every order fills.
 */
import type { Acc } from './accounts.js';
import { deriveAccount, palletSubAccount } from './accounts.js';
import type { Chain } from './chain.js';
import { minStake } from './pools.js';
import type { Action, LimitOrder } from './types.js';

type OrdersAction = Extract<Action, { kind: 'limit_orders' }>;

/** PalletId("bt/limit") account and the pallet's hotkey PalletId("bt/lmhky"), registered to it. */
export const ORDERS_ACCOUNT: Acc = palletSubAccount('bt/limit', new Uint8Array());
export const ORDERS_HOTKEY: Acc = palletSubAccount('bt/lmhky', new Uint8Array());
const ONE = 1n << 64n;
const PPB = 1_000_000_000n;

export function orderId(label: string): string {
  return deriveAccount(`order:${label}`);
}

export class LimitOrders {
  constructor(private readonly c: Chain) {}

  /** The call fails as a whole if any order cannot be filled (the batch validates every order first). */
  check(a: OrdersAction): string | null {
    const c = this.c;
    if (a.orders.length === 0) return 'NoOrders';
    if (new Set(a.orders.map((o) => o.id)).size !== a.orders.length) return 'DuplicateOrderInBatch';
    const min = minStake(c.specAt(c.cur));
    for (const o of a.orders) {
      if (!c.owners.has(o.hotkey)) return 'HotKeyAccountNotExists';
      if (o.side === 'buy') {
        if (o.amount < min) return 'AmountTooLow';
        if (c.account(o.signer).free <= o.amount) return 'NotEnoughBalanceToStake';
      } else {
        if (c.stake(o.hotkey, o.signer, a.netuid) < o.amount) return 'NotEnoughStakeToWithdraw';
        if (c.locks.available(o.signer, a.netuid) < o.amount) return 'StakeUnavailable';
        if (c.staking.modern.spotValue(a.netuid, o.amount) < min) return 'AmountTooLow';
      }
    }
    return null;
  }

  execute(a: OrdersAction): void {
    if (a.batched) this.batched(a.netuid, a.orders);
    else for (const o of a.orders) this.single(a.netuid, o);
  }

  private executed(
    o: LimitOrder,
    netuid: number,
    amountIn: bigint,
    amountOut: bigint,
    batched: boolean,
    fee: bigint,
  ): void {
    const type = o.side === 'buy' ? 'LimitBuy' : 'TakeProfit';
    this.c.emit({
      pallet: 'LimitOrders',
      name: 'OrderExecuted',
      args: [o.id, o.signer, netuid, type, amountIn, amountOut],
      meta: { hotkey: o.hotkey, fee },
      silent: batched
        ? [
            {
              kind: 'BatchedFill',
              coldkey: o.signer,
              hotkey: o.hotkey,
              netuid,
              alpha: o.side === 'buy' ? amountOut : -amountIn,
              tao: o.side === 'buy' ? -o.amount : amountOut,
            },
          ]
        : undefined,
    });
  }

  private single(netuid: number, o: LimitOrder): void {
    const m = this.c.staking.modern;
    if (o.side === 'buy') {
      const fee = (o.amount * o.feePpb) / PPB;
      const alpha = m.stakeInto(o.signer, o.hotkey, netuid, o.amount - fee, false);
      m.transfer(o.signer, o.feeRecipient, fee);
      this.executed(o, netuid, o.amount - fee, alpha, false, fee);
      return;
    }
    const tao = m.unstakeFrom(o.signer, o.hotkey, netuid, o.amount, false);
    const fee = (tao * o.feePpb) / PPB;
    m.transfer(o.signer, o.feeRecipient, fee);
    this.executed(o, netuid, o.amount, tao - fee, false, fee);
  }

  /** transfer_staked_alpha: a silent share move (no event), LastColdkeyHotkeyStakeBlock for the receiver. */
  private moveAlpha(fromCold: Acc, fromHot: Acc, toCold: Acc, toHot: Acc, netuid: number, alpha: bigint): void {
    const c = this.c;
    c.decreasePosition(fromHot, fromCold, netuid, alpha);
    c.increasePosition(toHot, toCold, netuid, alpha);
    c.addStakingHotkey(toCold, toHot);
    c.touchStakeBlock(toCold, toHot, netuid);
  }

  private batched(netuid: number, orders: LimitOrder[]): void {
    const c = this.c;
    const m = c.staking.modern;
    const price = c.balancer.priceBits(netuid, c.cur);
    const toTao = (alpha: bigint) => (price * alpha) / ONE;
    const toAlpha = (tao: bigint) => (price === 0n ? 0n : (tao * ONE) / price);
    const buys = orders
      .filter((o) => o.side === 'buy')
      .map((o) => ({ o, net: o.amount - (o.amount * o.feePpb) / PPB }));
    const sells = orders.filter((o) => o.side === 'sell').map((o) => ({ o, net: o.amount }));
    const buyNet = buys.reduce((s, e) => s + e.net, 0n);
    const sellNet = sells.reduce((s, e) => s + e.net, 0n);
    const sellTaoEquiv = toTao(sellNet);
    for (const { o } of buys) m.transfer(o.signer, ORDERS_ACCOUNT, o.amount);
    for (const { o } of sells) this.moveAlpha(o.signer, o.hotkey, ORDERS_ACCOUNT, ORDERS_HOTKEY, netuid, o.amount);
    const buySide = buyNet >= sellTaoEquiv;
    let actualOut = 0n;
    let netAmount: bigint;
    if (buySide) {
      netAmount = buyNet - sellTaoEquiv;
      if (netAmount > 0n) actualOut = m.stakeInto(ORDERS_ACCOUNT, ORDERS_HOTKEY, netuid, netAmount, false);
    } else {
      netAmount = sellNet - toAlpha(buyNet);
      if (netAmount > 0n) actualOut = m.unstakeFrom(ORDERS_ACCOUNT, ORDERS_HOTKEY, netuid, netAmount, false);
    }
    const totalAlpha = buySide ? actualOut + sellNet : toAlpha(buyNet);
    for (const { o, net } of buys) {
      const share = buyNet > 0n ? (totalAlpha * net) / buyNet : 0n;
      this.moveAlpha(ORDERS_ACCOUNT, ORDERS_HOTKEY, o.signer, o.hotkey, netuid, share);
      this.executed(o, netuid, o.amount, share, true, o.amount - net);
    }
    const totalTao = buySide ? sellTaoEquiv : actualOut + buyNet;
    const fees = new Map<Acc, bigint>();
    const addFee = (to: Acc, fee: bigint) => fee > 0n && fees.set(to, (fees.get(to) ?? 0n) + fee);
    for (const { o, net } of sells) {
      const gross = sellTaoEquiv > 0n ? (totalTao * toTao(net)) / sellTaoEquiv : 0n;
      const fee = (gross * o.feePpb) / PPB;
      addFee(o.feeRecipient, fee);
      m.transfer(ORDERS_ACCOUNT, o.signer, gross - fee);
      this.executed(o, netuid, o.amount, gross - fee, true, fee);
    }
    for (const { o, net } of buys) addFee(o.feeRecipient, o.amount - net);
    for (const [to, fee] of fees) m.transfer(ORDERS_ACCOUNT, to, fee);
    c.emit({
      pallet: 'LimitOrders',
      name: 'GroupExecutionSummary',
      args: [netuid, buySide ? 'Buy' : 'Sell', netAmount, actualOut, orders.length],
    });
  }
}
