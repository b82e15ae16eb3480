// What change discovery hands to recording (./change-finder): one block where a coldkey's stake changed.
import type { BlockState } from './reader';
import type { ClaimTransfers, SilentRef, StakeEventRow } from './stake-events';

export interface ChangeBlock {
  state: BlockState;
  specVersion: number;
  rows: StakeEventRow[];
  /** Events that moved the coldkey's α without a stake event of its own. */
  silent: SilentRef[];
  claims: ClaimTransfers[];
  upgrade?: boolean; // the first block of a new runtime (./upgrade-blocks): checkpointed even without events
}

/** A change block records something: a stake event of the coldkey, or a silent move of its α. */
export const recordsSomething = (c: ChangeBlock): boolean => c.rows.length > 0 || c.silent.length > 0;

export const posKey = (hot: string, netuid: number) => `${hot}|${netuid}`;

/** Row kinds that show the coldkey holds (or held) α on (hotkey, netuid). */
export const POSITION_KINDS: ReadonlySet<string> = new Set([
  'StakeAdded',
  'StakeRemoved',
  'AlphaRecycled',
  'AlphaBurned',
  'StakeLocked',
  'OrderExecuted',
  // The owner's α on its auto-stake destination (a position no other event of the coldkey may name).
  'AutoStakeAdded',
]);
