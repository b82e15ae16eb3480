// stake_events rows for the basket-era events of a coldkey (runtimes 441+; docs/chain/baskets.md).
// Amounts are exactly the event's: BasketStakedIn's fee is what the purchase did not add to the fund
// (tao − value), BasketClaimDustSkipped's TAO is the chain's estimate of the forfeited value.
import { baseRow, big, num, ss58, type DecodedEvent, type StakeEventRow } from './event-types';

const BASKET_EVENTS = new Set([
  'RootClaimed',
  'BasketStakedIn',
  'BasketClaimed',
  'BasketClaimDustSkipped',
  'StakeAndHotkeyTransferred',
]);

/** The SubtensorModule events basketRowOf reads (any other is not decoded). */
export const isBasketEvent = (method: string): boolean => BASKET_EVENTS.has(method);

export function basketRowOf(e: DecodedEvent, coldkey: string): StakeEventRow | null {
  if (e.section !== 'subtensorModule' || !BASKET_EVENTS.has(e.method)) return null;
  const d = e.data;
  switch (e.method) {
    case 'RootClaimed':
      // {coldkey, tao} from 441: the TAO staked on root by the claim; {coldkey} before (no amounts).
      if (ss58(d[0]) !== coldkey) return null;
      if (d.length < 2) return baseRow(e, 'RootClaimed', coldkey);
      return { ...baseRow(e, 'RootClaimed', coldkey), hotkey: coldkey, netuid: 0, tao: big(d[1]) };
    case 'BasketStakedIn': {
      if (ss58(d[1]) !== coldkey) return null;
      const tao = big(d[2]);
      const value = big(d[3]);
      return {
        ...baseRow(e, 'BasketStakedIn', coldkey),
        hotkey: ss58(d[0]),
        netuid: 0,
        tao,
        alpha: big(d[4]),
        fee: tao - value,
        feeUnit: 'tao',
      };
    }
    case 'BasketClaimed':
      if (ss58(d[1]) !== coldkey) return null;
      return { ...baseRow(e, 'BasketClaimed', coldkey), hotkey: ss58(d[0]), netuid: 0, tao: big(d[2]) };
    case 'BasketClaimDustSkipped':
      if (ss58(d[1]) !== coldkey) return null;
      return { ...baseRow(e, 'BasketClaimDustSkipped', coldkey), hotkey: ss58(d[0]), netuid: 0, tao: big(d[3]) };
    case 'StakeAndHotkeyTransferred': {
      const origin = ss58(d[0]);
      const dest = ss58(d[1]);
      if (origin !== coldkey && dest !== coldkey) return null;
      return {
        ...baseRow(e, 'StakeAndHotkeyTransferred', origin),
        counterpartyColdkey: dest,
        hotkey: ss58(d[2]),
        destHotkey: ss58(d[3]),
        netuid: num(d[4]),
        destNetuid: num(d[5]),
        tao: big(d[6]),
      };
    }
    default:
      return null;
  }
}
