/**
 * The replay's positions and lot books, found by (coldkey, hotkey, netuid) once per event.
 *
 * coldkey → netuid → the first position of that lot book, the book's others chained behind it
 * (`PositionAcc.nextInBook`). No key string is built per event, the subnet level is an array indexed
 * by netuid (a u16), and the hotkey is found by comparing it along a chain that is one position long
 * for most books. (A Map per book cost a probe of its own table per event: cache misses on the
 * 1M-event bench, where events hit positions at random. The chain took about a sixth off a warm
 * computation's CPU time there, A/B on a loaded machine; the cold first run did not measurably move.)
 */
import { positionKey } from './emissions';
import { createLotBook, type LotBook } from './lots';
import { bookKey, CELLS, PositionAcc } from './position';
import { Totals } from './totals';
import type { CostBasisMethod } from '../vocab';

export class PositionIndex {
  readonly positions = new Map<string, PositionAcc>();
  readonly books = new Map<string, LotBook>();
  /** book key → positions sharing it, in the order they opened (cost attribution). */
  readonly bookPositions = new Map<string, PositionAcc[]>();
  private readonly firstOf = new Map<string, (PositionAcc | undefined)[]>();
  /** Every position's bigint totals (./totals): the replay writes them without allocating. */
  readonly totals = new Totals(CELLS * 256);

  constructor(private readonly method: CostBasisMethod) {}

  /** The position, opened (empty) when it is new. */
  position(coldkey: string, hotkey: string, netuid: number): PositionAcc {
    return this.find(coldkey, hotkey, netuid) ?? this.open(coldkey, hotkey, netuid);
  }

  find(coldkey: string, hotkey: string, netuid: number): PositionAcc | undefined {
    let p = this.firstOf.get(coldkey)?.[netuid];
    while (p !== undefined && p.hotkey !== hotkey) p = p.nextInBook;
    return p;
  }

  book(coldkey: string, netuid: number): LotBook {
    const bk = bookKey(coldkey, netuid);
    let book = this.books.get(bk);
    if (!book) {
      book = createLotBook(this.method, this.totals);
      this.books.set(bk, book);
      this.bookPositions.set(bk, []);
    }
    return book;
  }

  private open(coldkey: string, hotkey: string, netuid: number): PositionAcc {
    const book = this.book(coldkey, netuid);
    const key = positionKey(coldkey, hotkey, netuid);
    const p = new PositionAcc(key, coldkey, hotkey, netuid, book, this.totals, this.totals.alloc(CELLS));
    this.positions.set(key, p);
    const members = this.bookPositions.get(bookKey(coldkey, netuid)) as PositionAcc[];
    members.push(p);
    let byNet = this.firstOf.get(coldkey);
    if (!byNet) {
      byNet = [];
      this.firstOf.set(coldkey, byNet);
    }
    // Chained last, so the chain keeps the book's order of positions.
    if (members.length === 1) byNet[netuid] = p;
    else (members[members.length - 2] as PositionAcc).nextInBook = p;
    return p;
  }
}
