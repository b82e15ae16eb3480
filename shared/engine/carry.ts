/**
 * The lot books' side of a same-subnet move between tracked positions (./state `applyCarry`): the
 * lots, with their cost (TAO and fiat: ./lot-base) and acquisition order, go from the sender's
 * (coldkey, netuid) book to the receiver's.
 */
import type { PositionAcc } from './position';

/** What the replay state lends a carry. */
export interface CarrySink {
  /** The next acquisition order (for α booked anew). */
  order(): number;
  /** α a carry owed reached `p`'s book later, while the replay applied something else. */
  forwarded(p: PositionAcc): void;
}

/** `moved` α leave `po` and `received` α reach `pi` (they differ before 297, when a move was a swap). */
export function carryLots(po: PositionAcc, pi: PositionAcc, moved: bigint, received: bigint, sink: CarrySink): void {
  const from = po.book;
  const dest = pi.book;
  if (from === dest) {
    // One book (hotkeys of one wallet, ./lots): the move leaves it exactly as it was. Taking the lots out
    // and putting them back split a partly taken lot in two, each floored on its own from then on, so a
    // hotkey move changed later FIFO / LIFO / HIFO disposals by a rao or two (lot-oracle.test.ts). The
    // cost it carries between the positions (their costCarriedOut / In, which cancel in the book) is the
    // α's share of the book's cost, as their cost basis is split (./pnl allocateBookCost); α the book has
    // not booked yet stays for its checkpoint to book, as if nothing moved.
    const held = from.alpha();
    const carried = moved >= held ? from.cost() : (from.cost() * moved) / held;
    po.costCarriedOut += carried;
    pi.costCarriedIn += carried;
  } else {
    // α the sender's book has not booked yet (emission booked at the next checkpoint) is owed to the
    // receiver's book and reaches it with the cost its booking brings (./lots Forward). Neither side
    // realizes anything on the carry.
    const lots = from.take(moved, (a, c, fiat) => {
      po.costCarriedOut += c;
      pi.costCarriedIn += c;
      pi.lose(dest.acquire(a, c, sink.order(), fiat));
      sink.forwarded(pi);
    });
    let carried = 0n;
    for (const l of lots) carried += l.cost;
    po.costCarriedOut += carried;
    pi.costCarriedIn += carried;
    pi.lose(dest.put(lots));
  }
  // Before 297 a same-subnet move was a swap: the α received differs from the α sent.
  const delta = received - moved;
  if (delta < 0n) pi.lose(dest.dispose(-delta));
  else if (delta > 0n) pi.lose(dest.acquire(delta, 0n, sink.order()));
}
