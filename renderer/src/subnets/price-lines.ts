// The Subnet page's price history as chart lines: one per subnet that held the netuid. A netuid pruned
// and registered again (docs/chain/swaps-and-dissolution.md) has the earlier subnet's prices before the
// newcomer's first snapshot; one line through both would draw a price move that never happened.
import type { SubnetDetailView } from '../../../shared/views';

import type { TimeLine } from '../charts/TimeChart';

export function priceLines(d: Pick<SubnetDetailView, 'priceHistory' | 'registeredAgain'>): TimeLine[] {
  const from = d.registeredAgain?.blockNumber ?? null;
  const current: TimeLine = {
    id: 'price',
    label: 'Price (τ per α)',
    help: 'Pool spot price from the local snapshots.',
    color: 'var(--chart-4)',
    values: d.priceHistory.map((p) => (from === null || p.blockNumber >= from ? p.price : null)),
  };
  if (from === null) return [current];
  return [
    current,
    {
      id: 'price-earlier',
      label: 'Earlier subnet’s price (τ per α)',
      help: 'The price of the subnet that held this netuid before it was registered again.',
      color: 'var(--chart-2)',
      dashed: true,
      values: d.priceHistory.map((p) => (p.blockNumber < from ? p.price : null)),
    },
  ];
}
