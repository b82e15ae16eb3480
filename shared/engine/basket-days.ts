/**
 * Days of basket activity in the daily series (./timeseries). The series closes a day at the replay's
 * items, ledger entries and position checkpoints; a fund-share purchase changes no stake position, so it
 * is neither, and neither is a basket read. Without more, a day whose only activity is basket activity has
 * no point (the next point includes it), a wallet holding fund shares only has no chart, and a purchase
 * after the last item is missing from the last point, which then differs from the cards
 * (docs/chain/baskets.md#claims). The moments of basket activity are therefore fed to the series' replay
 * hook as items that change nothing: each closes the day before it, and the day's point is valued at the
 * day's last moment, where the basket totals (./basket-totals, `withBasketSeries`) include it.
 */
import type { PositionEffect, StakeEvent } from './ledger';
import type { BasketSnapshot } from './basket-types';
import { basketItems } from './basket-items';

/** A block at which basket positions change (an event, a hotkey swap's root effects, a basket read). */
export interface BasketMoment {
  blockNumber: number;
  timestamp: number;
}

/** The moments of every input the basket positions replay (./basket-items), in block order. */
export function basketMoments(
  events: readonly StakeEvent[],
  snapshots: readonly BasketSnapshot[],
  scope: { trackedColdkeys: ReadonlySet<string>; asOfBlock?: number; effects?: readonly PositionEffect[] },
): BasketMoment[] {
  const out: BasketMoment[] = [];
  for (const it of basketItems(events, snapshots, scope))
    if (out.at(-1)?.blockNumber !== it.block) out.push({ blockNumber: it.block, timestamp: it.timestamp });
  return out;
}

/**
 * A replay's `before(ts, block)` hook with moments merged in: each call first passes on the moments at or
 * before its block, in order. `upTo(block)` passes on the rest up to a block (after the replay's last item).
 * `add` queues later moments (the incremental path: all after the ones queued so far).
 */
export class MomentFeed {
  private queue: BasketMoment[] = [];
  private next = 0;

  constructor(private readonly hook: (ts: number, block: number) => void) {}

  add(moments: readonly BasketMoment[]): this {
    if (this.next > 0) {
      this.queue = this.queue.slice(this.next);
      this.next = 0;
    }
    for (const m of moments) this.queue.push(m);
    return this;
  }

  upTo(block: number): void {
    for (let m = this.queue[this.next]; m !== undefined && m.blockNumber <= block; m = this.queue[this.next]) {
      this.next++;
      this.hook(m.timestamp, m.blockNumber);
    }
  }

  readonly before = (ts: number, block: number): void => {
    this.upTo(block);
    this.hook(ts, block);
  };
}
