/**
 * Silent position changes (./ledger PositionEffect, recorded by sync) → ledger entries with their
 * economic meaning (docs/chain/mechanics.md):
 * - HotkeySwapped: a rename. The α and its lots move from the old hotkey to the new one (carry legs,
 *   valued at spot on both sides like a same-subnet move): no gain or loss.
 * - ColdkeySwapped: between two tracked wallets (the user followed the new coldkey) the lots carry
 *   over; with only one side tracked the α leaves (transfer out) or arrives (transfer in) at spot.
 * - NetworkRemoved: the position closes at the TAO the dissolution paid out (a disposal).
 * - OrderExecutedBatched: a trade — α bought for the TAO paid, or sold for the TAO received.
 * - SharePoolDenominatorReconciled (464+ migrations): a revaluation, not income — α that appeared is
 *   acquired at no cost, α that vanished leaves with no proceeds (docs/chain/baskets.md#share-pool-reconcile).
 */
import type { PriceBook } from './prices';
import type { LedgerFlag, LedgerKind, LegBasis, LegCategory } from '../vocab';
import { LedgerEntry, type LedgerLeg, type PositionEffect, type StakeEvent } from './ledger';
import { withSpot } from './legs';

function effectLeg(
  f: PositionEffect,
  category: LegCategory,
  basis: LegBasis,
  tao: bigint | 'spot',
  prices: PriceBook | undefined,
): LedgerLeg {
  const leg = withSpot(
    {
      coldkey: f.coldkey,
      hotkey: f.hotkey,
      netuid: f.netuid,
      alpha: f.alpha,
      category,
      basis,
      tao: tao === 'spot' ? 0n : tao,
      fee: 0n,
      feeUnit: 'tao',
      spotTao: null,
      spotBlock: null,
    },
    prices,
    f.blockNumber,
  );
  if (tao === 'spot') leg.tao = leg.spotTao ?? 0n;
  return leg;
}

/** The α of one side of a swap that found no other side: it left or arrived at its spot value. */
function loneSide(f: PositionEffect, prices: PriceBook | undefined, source: StakeEvent[] | null): LedgerEntry {
  const out = f.alpha < 0n;
  const leg = effectLeg(f, out ? 'transferOut' : 'transferIn', 'trade', 'spot', prices);
  const flags: LedgerFlag[] = leg.spotTao === null ? ['missing-price', f.kind] : [f.kind];
  return new LedgerEntry(out ? 'transfer-out' : 'transfer-in', null, leg, source, flags, undefined, f);
}

/** A move of α between two positions (rename or followed coldkey): the lots carry over. */
function carried(
  kind: LedgerKind,
  from: PositionEffect,
  to: PositionEffect,
  prices: PriceBook | undefined,
  source: StakeEvent[] | null,
): LedgerEntry {
  const out = effectLeg(from, 'transferOut', 'carry', 'spot', prices);
  const inn = effectLeg(to, 'transferIn', 'carry', 'spot', prices);
  // The sides may differ by the share pool's rounding (an α-rao or two): the arrival is valued as what
  // left, so the pair moves no TAO between the wallets (taoIn/taoOut, hence total return, stay equal to
  // realized + unrealized + income) and the extra α-rao is a zero-cost lot (state.ts applyCarry).
  if (out.spotTao !== null && inn.spotTao !== null) [inn.tao, inn.spotTao] = [out.tao, out.spotTao];
  return new LedgerEntry(kind, null, [out, inn], source, [], undefined, from);
}

/**
 * Entries for the effects of one block, given the block's stored events (the chain event behind an
 * effect, when stored, is its source). Only effects of tracked coldkeys should be passed.
 */
export function effectEntries(
  effects: readonly PositionEffect[],
  blockEvents: readonly StakeEvent[],
  prices: PriceBook | undefined,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const sourceOf = (f: PositionEffect): StakeEvent[] | null => {
    const e = blockEvents.find((x) => x.eventIndex === f.eventIndex);
    return e ? [e] : null;
  };
  const pending = [...effects];
  while (pending.length > 0) {
    const f = pending.shift() as PositionEffect;
    switch (f.kind) {
      case 'HotkeySwapped':
      case 'ColdkeySwapped': {
        // The other side: same chain event and subnet, opposite sign; same coldkey for a hotkey swap,
        // same hotkey for a coldkey swap.
        const k = pending.findIndex(
          (g) =>
            g.kind === f.kind &&
            g.eventIndex === f.eventIndex &&
            g.netuid === f.netuid &&
            g.alpha > 0n !== f.alpha > 0n &&
            (f.kind === 'HotkeySwapped' ? g.coldkey === f.coldkey : g.hotkey === f.hotkey),
        );
        if (k < 0) {
          out.push(loneSide(f, prices, sourceOf(f)));
          break;
        }
        const g = pending.splice(k, 1)[0] as PositionEffect;
        const [from, to] = f.alpha < 0n ? [f, g] : [g, f];
        out.push(carried(f.kind === 'HotkeySwapped' ? 'rename' : 'coldkey-swap', from, to, prices, sourceOf(f)));
        break;
      }
      case 'NetworkRemoved':
        out.push(
          new LedgerEntry(
            'dissolution',
            null,
            effectLeg(f, 'sold', 'trade', f.tao, prices),
            sourceOf(f),
            [],
            undefined,
            f,
          ),
        );
        break;
      case 'SharePoolDenominatorReconciled': {
        const leg = effectLeg(f, f.alpha > 0n ? 'transferIn' : 'transferOut', 'trade', 0n, prices);
        out.push(new LedgerEntry('share-reconcile', null, leg, sourceOf(f), [], undefined, f));
        break;
      }
      case 'OrderExecutedBatched': {
        const buy = f.alpha > 0n;
        const leg = effectLeg(f, buy ? 'bought' : 'sold', 'trade', buy ? -f.tao : f.tao, prices);
        out.push(new LedgerEntry(buy ? 'buy' : 'sell', null, leg, sourceOf(f), ['batched-order'], undefined, f));
        break;
      }
    }
  }
  return out;
}
