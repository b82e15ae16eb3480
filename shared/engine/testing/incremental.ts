/** A portfolio input cut into blocks, to feed the incremental path (Engine.append) one block at a time. */
import type { FactsDelta, PortfolioInput } from '../index';
import { T0 } from './fixtures';

type Dated = { blockNumber: number };

/**
 * The facts of the first `start` blocks as an input, then one delta per later block (events,
 * checkpoints, snapshots, root claims, effects of that block), and `upTo(block)`: the input a full
 * computation over the same facts reads.
 */
export function incrementalSteps(
  input: PortfolioInput,
  start: number,
): {
  initial: PortfolioInput;
  deltas: { block: number; delta: FactsDelta }[];
  upTo: (block: number) => PortfolioInput;
} {
  const blocks = [
    ...new Set(
      [input.events, input.checkpoints, input.snapshots, input.rootClaims ?? [], input.effects ?? []].flatMap((xs) =>
        xs.map((x) => x.blockNumber),
      ),
    ),
  ].sort((a, b) => a - b);
  const within = <T extends Dated>(xs: readonly T[], from: number, to: number): T[] =>
    xs.filter((x) => x.blockNumber > from && x.blockNumber <= to);
  const upTo = (block: number): PortfolioInput => ({
    ...input,
    events: within(input.events, -Infinity, block),
    checkpoints: within(input.checkpoints, -Infinity, block),
    snapshots: within(input.snapshots, -Infinity, block),
    rootClaims: within(input.rootClaims ?? [], -Infinity, block),
    effects: within(input.effects ?? [], -Infinity, block),
  });
  const first = start > 0 ? (blocks[Math.min(start, blocks.length) - 1] as number) : -1;
  const deltas = blocks
    .filter((b) => b > first)
    .map((block, i, later) => {
      const from = i === 0 ? first : (later[i - 1] as number);
      return {
        block,
        delta: {
          events: within(input.events, from, block),
          checkpoints: within(input.checkpoints, from, block),
          snapshots: within(input.snapshots, from, block),
          rootClaims: within(input.rootClaims ?? [], from, block),
          effects: within(input.effects ?? [], from, block),
        },
      };
    });
  return { initial: upTo(first), deltas, upTo };
}

/** The same facts one block an hour from T0, so appends along the ledger cross days (the as-of day changes). */
export function hourly(input: PortfolioInput): PortfolioInput {
  const ts = <T extends { blockNumber: number; timestamp: number }>(xs: readonly T[]): T[] =>
    xs.map((x) => ({ ...x, timestamp: T0 + x.blockNumber * 3_600_000 }));
  return {
    ...input,
    events: ts(input.events),
    checkpoints: ts(input.checkpoints),
    snapshots: ts(input.snapshots),
    rootClaims: ts(input.rootClaims ?? []),
  };
}
