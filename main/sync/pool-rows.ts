// The subnet rows of the change blocks and the blocks before them (poolsFromState over the finder's
// subnets), made while the finder waits on the node rather than when recording: recording is the sync
// thread's work alone, the walk and bisection leave it idle most of the time.
import { poolsFromState, type SubnetRow } from './checkpoints';
import type { BlockRuntime, BlockState, ChainReader } from './reader';

export class PoolRows {
  readonly #rows = new Map<number, { netuids: readonly number[]; spec: number; rows: SubnetRow[] }>();

  readonly #pending = new Map<number, readonly number[]>();

  constructor(readonly reader: ChainReader) {}

  /**
   * Block s was read with the pool keys of `netuids` (the finder's subnets when the read was asked):
   * its rows are made at the next turn of the event loop, once its runtime is known.
   */
  note(s: BlockState, netuids: readonly number[]): void {
    if (this.#rows.get(s.number)?.netuids === netuids || this.#pending.get(s.number) === netuids) return;
    this.#pending.set(s.number, netuids);
    setImmediate(() => {
      this.#pending.delete(s.number);
      void this.reader
        .runtimeFor(s)
        .then((runtime) => {
          if (this.#rows.get(s.number)?.netuids !== netuids)
            this.#rows.set(s.number, { netuids, spec: runtime.specVersion, rows: poolsFromState(s, netuids, runtime) });
        })
        .catch(() => undefined); // the checkpoint makes them itself
    });
  }

  /** poolsFromState(s, netuids, runtime) if made for these very subnets (the same array), else null. */
  of(s: BlockState, netuids: readonly number[], runtime: BlockRuntime): SubnetRow[] | null {
    const made = this.#rows.get(s.number);
    return made?.netuids === netuids && made.spec === runtime.specVersion ? [...made.rows] : null;
  }

  forgetBelow(b: number): void {
    for (const k of this.#rows.keys()) if (k < b) this.#rows.delete(k);
  }
}
