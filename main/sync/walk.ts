// ChangeFinder's walk down the LastColdkeyHotkeyStakeBlock chains (docs/chain/change-discovery.md#the-walk):
// the range cut into stretches walked side by side, each in rounds of the chains within a window
// (walk-round.ts), after the positions held at evenly spaced blocks were listed.
import { ChainError } from '../chain/client';
import { readPositions } from './checkpoints';
import { lastStakeIn } from './fingerprint-keys';
import type { BlockState, ChainReader } from './reader';
import { decodeAccountVec, keys } from './storage-keys';
import { SPEC_DTAO } from '../../shared/engine/runtime';
import { stakeSamples, walkRound, walkSegments, walkWindow, WALK_PLAN, type WalkStep } from './walk-round';

/** What the walk needs of its finder. */
export interface WalkContext {
  readonly reader: ChainReader;
  readonly coldkey: string;
  /** The hotkeys known now (read when the walk starts, after the samples). */
  hotkeys(): ReadonlySet<string>;
  /** A block's state with the finder's current keys (and pools, events). */
  read(b: number, withEvents: boolean, withPools: boolean): Promise<BlockState>;
  addPosition(hotkey: string, netuid: number): void;
  /** Decodes change block b and learns what it reveals (its events are read with it). */
  changeBlock(b: number): Promise<void>;
}

/**
 * Candidate blocks in [lo, hi]: every block where a chain's pair changed. Each step reads the whole
 * fingerprint and the pools at the block before a change: verification and its checkpoint reuse the
 * read. `reached` gets the chains that reached each block (fill-pairs.ts).
 */
export async function walkChains(
  ctx: WalkContext,
  lo: number,
  hi: number,
  reached: Map<number, string[]>,
): Promise<Set<number>> {
  const found = new Set<number>();
  const segments = walkSegments(lo, hi, WALK_PLAN.stretches, WALK_PLAN.stretchMin);
  const samples = stakeSamples(lo, hi);
  await ctx.reader.prefetchHashes([...segments.map((s) => s.hi), ...samples]);
  await heldAtSamples(ctx, samples);
  const tops = await Promise.all(segments.map((s) => ctx.read(s.hi, false, false)));
  // Each stretch walks its own chains in its own windows; their rounds go out together.
  const stretches = segments.map((seg, i) => {
    const top = tops[i] as BlockState;
    const frontier = [...ctx.hotkeys()].map((hot) => ({ hot, v: lastStakeIn(ctx.coldkey, top.values, hot) }));
    const window = walkWindow(seg.lo, seg.hi);
    return { seg, window, round: walkRound(frontier, seg.lo, seg.hi, window, found) };
  });
  const live = () => stretches.filter((s) => s.round !== null);
  const hashes = () => live().flatMap((s) => s.round?.hashes ?? []);
  void ctx.reader.prefetchHashes(hashes());
  // Change blocks are decoded while the walk goes on: the next round's reads go out once this round's
  // steps answered (latency, not decoding). Positions the events reveal are in the reads after.
  const decodes: Promise<void>[] = [];
  let failure: unknown = null;
  for (let walking = live(); walking.length > 0; walking = live()) {
    const rounds = walking.map((s) => ({ s, round: s.round as NonNullable<typeof s.round> }));
    // The steps go out first: the next round waits for them, not for the change blocks' reads. A step
    // onto a block found this round reads its events too (one read of that block, as before).
    const fresh = new Set(rounds.flatMap(({ round }) => round.fresh));
    const steps = rounds.map(async ({ s, round }) => {
      for (const { hot, v } of round.active) reached.set(v, [...(reached.get(v) ?? []), hot]);
      const next: WalkStep[] = [...round.waiting];
      await Promise.all(
        round.stepping.map(async ({ hot, v }) => {
          const state = await ctx.read(v - 1, fresh.has(v - 1), true);
          const previous = lastStakeIn(ctx.coldkey, state.values, hot);
          if (previous >= v)
            throw new ChainError('malformed', `LastColdkeyHotkeyStakeBlock did not go back in time at block ${v - 1}.`);
          if (previous >= s.seg.lo) next.push({ hot, v: previous });
        }),
      );
      return { s, next };
    });
    for (const b of fresh) {
      const d = ctx.changeBlock(b);
      d.catch((e: unknown) => (failure ??= e)); // thrown after this round's steps
      decodes.push(d);
    }
    const stepped = await Promise.all(steps);
    if (failure) throw failure;
    for (const { s, next } of stepped) s.round = walkRound(next, s.seg.lo, s.seg.hi, s.window, found);
    // Puts the pending hashes where the reads look for them (it never rejects).
    void ctx.reader.prefetchHashes(hashes());
  }
  await Promise.all(decodes);
  return found;
}

/**
 * The positions held at `blocks` (StakeInfo: stakeSamples in walk-round.ts), added before the walk's
 * first read. A read of the coldkey's `StakingHotkeys` there first: where it is empty the coldkey had
 * never staked yet (the chain does not prune it before 473, and from 473 keeps a hotkey while α is left
 * on it: docs/chain/change-discovery.md#discovery), so a range that starts long before the wallet's first
 * stake costs one small read per sample there, and no runtime is loaded for it. Before dTAO StakeInfo
 * names no subnet, and no α position exists: nothing is asked.
 */
export async function heldAtSamples(
  ctx: WalkContext,
  blocks: readonly number[],
  list: typeof readPositions = readPositions,
): Promise<void> {
  const staking = keys.stakingHotkeys(ctx.coldkey);
  const held = await Promise.all(
    blocks.map(async (b) => {
      const state = await ctx.reader.readBlock(b, [staking], false, 'stake samples');
      if (decodeAccountVec(state.values.get(staking) ?? null).length === 0) return [];
      const runtime = await ctx.reader.runtimeFor(state);
      if (runtime.specVersion < SPEC_DTAO) return [];
      return list(ctx.reader, runtime, state.hash, ctx.coldkey, b);
    }),
  );
  for (const p of held.flat()) ctx.addPosition(p.hotkey, p.netuid);
}
