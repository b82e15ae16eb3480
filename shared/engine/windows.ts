/**
 * Benchmark windows: spans of the replay in which the benchmark growth factors are constant (no new
 * snapshot, no root-index change). Each position nets its TAO flows per window, so the benchmarks
 * cost O(positions × windows) instead of a pass over the ledger (./benchmarks).
 */
import type { PositionAcc } from './position';

export class BenchmarkWindows {
  /** Each window's first block and the root yield index the replay saw in it. */
  readonly list: { blockNumber: number; rootIndex: bigint }[] = [];
  private seq = -1;
  private open = false;
  private cursor = 0;

  /** `boundaries`: the snapshot blocks, ascending (a snapshot moves the subnet indexes: a new window). */
  constructor(private readonly boundaries: number[]) {}

  /** The root yield index moved: the next flow opens a new window. */
  close(): void {
    this.open = false;
  }

  /** A snapshot recorded after everything replayed so far (the incremental path): a boundary, as if known from the start. */
  noteLaterBoundary(block: number): void {
    const b = this.boundaries;
    if (b.length === 0 || (b[b.length - 1] as number) < block) b.push(block);
  }

  /**
   * A TAO flow (taoIn/taoOut change) of `p` is about to be booked at `block`: in a new window, the
   * position's previous window closes with its net flow. Call before updating taoIn/taoOut.
   */
  flow(p: PositionAcc, block: number, rootIndex: bigint): void {
    const b = this.boundaries;
    if (this.cursor < b.length && (b[this.cursor] as number) <= block) {
      while (this.cursor < b.length && (b[this.cursor] as number) <= block) this.cursor++;
      this.open = false;
    }
    if (!this.open) {
      this.seq++;
      this.list.push({ blockNumber: block, rootIndex });
      this.open = true;
    }
    if (p.curWin === this.seq) return;
    const net = p.taoIn - p.taoOut;
    if (p.curWin >= 0) {
      p.flowWin.push(p.curWin);
      p.flowAmt.push(net - p.winStartNet);
    }
    p.curWin = this.seq;
    p.winStartNet = net;
  }
}
