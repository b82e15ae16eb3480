// The (hotkey, netuid) pairs a checkpoint takes α from share storage for, and the keys change discovery
// reads for them (docs/chain/change-discovery.md#stakeinfo-at-basket-era-checkpoints). From 441 a position
// can appear without a stake event (a claim's root stake, a swap), so stakeFromStorage leaves a block to
// the StakeInfo call unless every staking hotkey was read on every known subnet there. Reading the share
// keys of every known hotkey on every subnet (each known position's and every one up to the highest at
// the head of the range) lets it prove those pairs empty instead, and shows α that arrived silently on a
// subnet the coldkey holds nothing else on (heldAt: basket475 seeds 6 and 149). A pair without α yields
// no row. Before 441 the positions alone.
// Every key a position of the pair would add is read too (its fingerprint keys and pool values): a pair
// that becomes a position when a later block's events name it then needs no re-read of the blocks the
// finder read before (verification re-reads were mostly that), and a pair with α is priced from them.
// From 441 the same reads carry the BasketTwr of every known hotkey, not only of the root positions'
// (change-finder poolKeys): a checkpoint reads the index of the funds it found shares in, and one read
// for those it lacked was a request of its own (basket-twr.ts checkpointTwr). So do the keys a basket
// read takes from storage (baskets.ts basketKeysOf) for the known hotkeys and the funds listed at the
// head of the range: at a checkpoint they were a read of their own.
import { twrKeysOf } from './basket-twr';
import { basketKeysOf } from './baskets';
import { posKey } from './change-block';
import { SILENT_POSITIONS_SPEC } from './stake-from-storage';
import { pairKeys } from './fingerprint-keys';
import { keys } from './storage-keys';
import type { BlockState } from './reader';
import { poolValueKeys } from './pool-values';

type Pair = { hotkey: string; netuid: number };

export class CheckpointPairs {
  /**
   * The highest block read that a runtime before 441 executed: at and below it the pairs are the
   * positions alone and no other pair's keys are read (so a backfill to a 424 head reads none).
   */
  #preBasketUpTo = -1;
  #pairs: Pair[] | null = null;
  #crossKeys: string[] | null = null;
  /** The funds listed at the head of the range (ChangeFinder.discover), from 441. */
  #funds: readonly string[] = [];

  constructor(
    readonly coldkey: string,
    readonly positions: ReadonlyMap<string, Pair>,
    readonly hotkeys: ReadonlySet<string>,
    /** The subnets besides the known positions' (ChangeFinder.netuids: every netuid up to the highest at the head). */
    readonly subnets: () => readonly number[] = () => [],
  ) {}

  /** The positions, hotkeys or subnets changed. */
  invalidate(): void {
    this.#pairs = null;
    this.#crossKeys = null;
  }

  /** The funds at the head of the range: their watermark keys ride along from 441 (most funds exist there). */
  setFunds(funds: readonly string[]): void {
    this.#funds = funds;
    this.#crossKeys = null;
  }

  /** A read of block b showed the runtime that executed it (System.LastRuntimeUpgrade). */
  noteSpec(b: number, spec: number | null): void {
    if (spec !== null && spec < SILENT_POSITIONS_SPEC) this.#preBasketUpTo = Math.max(this.#preBasketUpTo, b);
  }

  /** The pairs at block b: the known positions, and unless b is known to predate 441 every known hotkey on every subnet. */
  at(b: number): readonly Pair[] {
    if (b <= this.#preBasketUpTo) return [...this.positions.values()];
    if (this.#pairs) return this.#pairs;
    const held = [...this.positions.values()].map((p) => p.netuid);
    const netuids = [...new Set([...held, ...this.subnets()])].sort((x, y) => x - y);
    const pairs = new Map(this.positions);
    for (const hotkey of [...this.hotkeys].sort())
      for (const netuid of netuids)
        if (!pairs.has(posKey(hotkey, netuid))) pairs.set(posKey(hotkey, netuid), { hotkey, netuid });
    this.#pairs = [...pairs.values()];
    return this.#pairs;
  }

  /**
   * The pairs at b that are not known positions but have a share row in `values` (a read of b that
   * carried crossKeys): α no event of the coldkey named, e.g. a stake transfer in to a hotkey it already
   * stakes to, on any subnet (from 441 no LastColdkeyHotkeyStakeBlock records it). Empty at and below a
   * block known to predate 441, where no cross keys are read. Root pairs are left out: the root stake a
   * claim or swap brings is found from its events, and a new position's keys cost a re-read of every
   * block read before 441 (basket475 discovery budget: +100 requests for one root pair at a hotkey swap).
   */
  heldAt(b: number, values: ReadonlyMap<string, string | null>): Pair[] {
    return this.holdingAt(b, values).filter((p) => !this.positions.has(posKey(p.hotkey, p.netuid)));
  }

  /** The pairs at b, known positions among them, with a share row in `values` (root aside; none before 441). */
  holdingAt(b: number, values: ReadonlyMap<string, string | null>): Pair[] {
    if (b <= this.#preBasketUpTo) return [];
    const held = (k: string) => (values.get(k) ?? null) !== null;
    return this.at(b).filter(
      (p) =>
        p.netuid !== 0 &&
        (held(keys.alpha(p.hotkey, this.coldkey, p.netuid)) || held(keys.alphaV2(p.hotkey, this.coldkey, p.netuid))),
    );
  }

  /**
   * Set while a run looks beyond the head the finder's discovery listed the positions at (live following):
   * the block before its range. A position that arrives there without an event of the coldkey is in no
   * listing, and from 441 a stake transfer in onto a known hotkey, on a subnet not held there, changes
   * nothing but that pair's shares (the sender signs, StakingHotkeys already lists the hotkey,
   * LastColdkeyHotkeyStakeBlock records root only): the follower missed its block (soak test, demo devnet).
   */
  watchFrom: number | null = null;

  /**
   * The share keys the fingerprint adds while `watchFrom` is set: those of the pairs there that are not
   * known positions, root aside (as in heldAt). None at or below a block known to predate 441, where
   * LastColdkeyHotkeyStakeBlock records the receiving pair.
   */
  shareKeys(): string[] {
    const b = this.watchFrom;
    if (b === null || b <= this.#preBasketUpTo) return [];
    return this.at(b)
      .filter((p) => p.netuid !== 0 && !this.positions.has(posKey(p.hotkey, p.netuid)))
      .flatMap((p) => [keys.alpha(p.hotkey, this.coldkey, p.netuid), keys.alphaV2(p.hotkey, this.coldkey, p.netuid)]);
  }

  /**
   * The keys of the pairs at b that are not known positions, as a known position has them (its
   * fingerprint keys and pool values: stakeFromStorage sees them empty or prices them) on a known
   * position's subnet; on any other subnet the two share keys alone (empty, or held: heldAt makes it a
   * position, and a row there leaves the checkpoint to StakeInfo), a quarter of the keys for the many
   * pairs that stay empty. With them the BasketTwr of the known hotkeys without a root position (those
   * with one are read anyway), and the basket watermark keys of the known hotkeys and the listed funds.
   */
  crossKeys(b: number): readonly string[] {
    if (b <= this.#preBasketUpTo) return [];
    this.#crossKeys ??= (() => {
      const cross = this.at(b).filter((p) => !this.positions.has(posKey(p.hotkey, p.netuid)));
      const root = new Set([...this.positions.values()].filter((p) => p.netuid === 0).map((p) => p.hotkey));
      const held = new Set([...this.positions.values()].map((p) => p.netuid));
      const [near, far] = [cross.filter((p) => held.has(p.netuid)), cross.filter((p) => !held.has(p.netuid))];
      return [
        ...near.flatMap((p) => pairKeys(this.coldkey, p)),
        ...poolValueKeys(near),
        ...far.flatMap((p) => [
          keys.alpha(p.hotkey, this.coldkey, p.netuid),
          keys.alphaV2(p.hotkey, this.coldkey, p.netuid),
        ]),
        ...twrKeysOf([...this.hotkeys].filter((h) => !root.has(h)).sort()),
        ...basketKeysOf(this.coldkey, [...new Set([...this.hotkeys, ...this.#funds])].sort()),
      ];
    })();
    return this.#crossKeys;
  }
}

/**
 * The pairs with α at `blocks` (change blocks, or the blocks before them, already read) that the current
 * pairs add: a change block is read with the cross keys of the pairs known then, and the pairs grow with
 * what later events and reads reveal (a new position's subnet, a hotkey). basket475 seed 119: a stake
 * transfer in (13,575) onto a pair the finder knew only after its walk had first read the next change
 * block (14,115) was held at that block but never became a position, so its arrival was never searched
 * for. Seed 48: a pair held at the block before a change block (15,000) and gone at it (the subnet's
 * dissolution). The reads add only the keys the blocks lack, which their checkpoints read anyway
 * (block-facts.ts).
 */
export async function heldLate(
  finder: {
    readonly pairs: CheckpointPairs;
    read(b: number, withEvents: boolean, withPools: boolean, phase: string): Promise<BlockState>;
  },
  blocks: readonly number[],
): Promise<Pair[]> {
  const states = await Promise.all(blocks.map((b) => finder.read(b, false, true, 'held pairs')));
  return states.flatMap((s) => finder.pairs.heldAt(s.number, s.values));
}
