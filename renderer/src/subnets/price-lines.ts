// The Subnet page's price history as chart lines: one per subnet that held the netuid. A netuid pruned
// and registered again (docs/chain/swaps-and-dissolution.md) has the earlier subnet's prices before the
// newcomer's first snapshot; one line through both would draw a price move that never happened.
import type { SubnetDetailView } from '../../../shared/views';

import type { TimeLine } from '../charts/TimeChart';
import { utcDateTime } from '../app/dates';
import { dissolvedWhen } from './columns';

export function priceLines(d: Pick<SubnetDetailView, 'priceHistory' | 'registeredAgain' | 'noPool'>): TimeLine[] {
  const again = d.registeredAgain;
  const from = again?.blockNumber ?? null;
  const current: TimeLine = {
    id: 'price',
    label: 'Price (τ per α)',
    help: 'Pool spot price from the local snapshots.',
    color: 'var(--chart-4)',
    values: d.priceHistory.map((p) => (from === null || p.blockNumber >= from ? p.price : null)),
  };
  // A dissolved subnet has no price now: its legend says so, as the Subnets table does, not its last one.
  const last = d.priceHistory.at(-1);
  if (d.noPool?.reason === 'dissolved') {
    const when = dissolvedWhen({ blockNumber: d.noPool.blockNumber, timestamp: d.noPool.t });
    // No figure in the title: privacy mode masks prices, and a title is not masked.
    const end = last ? ` The line ends at its last snapshot, block ${last.blockNumber.toLocaleString()}.` : '';
    current.ended = { text: 'dissolved', title: `Dissolved ${when}: no price or pool since.${end}` };
  }
  if (again === null) return [current];
  // The earlier subnet has no price now either: its legend says it ended, not its last price before.
  const lastEarlier = d.priceHistory.findLast((p) => p.blockNumber < again.blockNumber);
  const endEarlier = lastEarlier
    ? ` The line ends at its last snapshot, block ${lastEarlier.blockNumber.toLocaleString()}.`
    : '';
  return [
    current,
    {
      id: 'price-earlier',
      label: 'Earlier subnet’s price (τ per α)',
      help: 'The price of the subnet that held this netuid before it was registered again.',
      color: 'var(--chart-2)',
      dashed: true,
      values: d.priceHistory.map((p) => (p.blockNumber < again.blockNumber ? p.price : null)),
      // `registeredAgain` is the newcomer's first snapshot, so the title names that, not a registration block.
      ended: {
        text: 'dissolved',
        title: `Dissolved: the subnet now at this netuid has prices from block ${again.blockNumber.toLocaleString()} (${utcDateTime(again.t)}).${endEarlier}`,
      },
    },
  ];
}
