// Finds the blocks where a coldkey's stake changed WITHOUT scanning blocks (docs/chain/change-discovery.md):
//  1. follow LastColdkeyHotkeyStakeBlock(cold, hot) backwards per hotkey (head → B₁, B₁−1 → B₂, …);
//  2. compare a fingerprint of the coldkey (nonce, StakingHotkeys, every LastColdkeyHotkeyStakeBlock,
//     every position's shares) across each gap between known blocks, and bisect the gaps where it
//     differs, or ask a node that serves it for the changes in a narrow gap (range-changes.ts): this
//     covers pre-spec-238 history, same-subnet transfers out, root claims and other silent share changes.
import { BlockReads, splitGap, type Gap } from './block-reads';
import { bisectGaps } from './bisection';
import { reachedFillPairs } from './fill-pairs';
import { PoolRows } from './pool-rows';
import { walkChains } from './walk';
import type { BlockState, ChainReader } from './reader';
import { decodeEvents, stakeEventsOf, type DecodeContext, type DecodedEvent } from './stake-events';
import { decodeAccountVec, keys, poolKeysOf, trailingAccount, trailingU16 } from './storage-keys';
import { encodeAddress } from '@polkadot/util-crypto';
import { keptClaimPairs, rootClaimKeys } from './root-claims';
import { twrKeysOf } from './basket-twr';
import { poolValueKeys } from './pool-values';
import { CheckpointPairs, heldLate } from './checkpoint-pairs';
import { fingerprintKeys, fingerprintValues } from './fingerprint-keys';
import { fundList, fundsUnchangedBy } from './baskets';
import { runtimeFeatures } from './runtime-features';
import { heldBefore, upgradeBlocks } from './upgrade-blocks';
import { searchDissolutions } from './dissolution-blocks';
import { POSITION_KINDS, posKey, type ChangeBlock } from './change-block';
import { hotkeySwapsOf, swappedPairs } from './swap-pairs';

export { recordsSomething, type ChangeBlock } from './change-block';

const upTo = (highest: number): number[] => Array.from({ length: highest + 1 }, (_, n) => n);

export class ChangeFinder {
  readonly hotkeys = new Set<string>();
  readonly positions = new Map<string, { hotkey: string; netuid: number }>();
  /** Subnets whose pools change blocks read: every netuid up to the highest at the head or held (absent pools skipped). */
  netuids: number[] = [];
  #keyList: string[] | null = null;
  readonly #reads: BlockReads;
  /** The pairs checkpoints take α from share storage for (from 441 more than the positions). */
  readonly pairs: CheckpointPairs;
  /** The head the discovery listed the positions at (the first run's). */
  #discoveredAt: number | null = null;

  constructor(
    readonly reader: ChainReader,
    readonly coldkey: string,
  ) {
    this.#reads = new BlockReads(reader);
    this.poolRows = new PoolRows(reader);
    this.pairs = new CheckpointPairs(coldkey, this.positions, this.hotkeys, () => this.netuids);
  }

  #keys(): string[] {
    this.#keyList ??= fingerprintKeys(this.coldkey, this.hotkeys, this.positions.values(), this.pairs.shareKeys());
    return this.#keyList;
  }

  #addHotkey(hot: string): boolean {
    if (this.hotkeys.has(hot)) return false;
    this.hotkeys.add(hot);
    this.#invalidate();
    return true;
  }

  #addPosition(hotkey: string, netuid: number): boolean {
    const k = posKey(hotkey, netuid);
    let changed = this.#addHotkey(hotkey);
    if (!this.positions.has(k)) {
      this.positions.set(k, { hotkey, netuid });
      // A subnet above the head's highest (dissolved before it) is priced at change blocks too.
      if (this.#discoveredAt !== null && netuid >= this.netuids.length) this.netuids = upTo(netuid);
      this.#invalidate();
      changed = true;
    }
    return changed;
  }

  /** Positions and hotkeys already recorded (a resumed run must watch what earlier runs learned from events). */
  seed(positions: readonly { hotkey: string; netuid: number }[], hotkeys: readonly string[]): void {
    for (const hot of hotkeys) this.#addHotkey(hot);
    for (const p of positions) this.#addPosition(p.hotkey, p.netuid);
  }

  #invalidate(): void {
    this.#keyList = null;
    this.#poolKeys = null;
    this.pairs.invalidate();
  }

  /**
   * Pool keys of every subnet (every known position's among them: `netuids` grows to cover them), read
   * along with the fingerprint at change blocks and the blocks before, the root-claim keys of the root positions known (a claim block's payouts need them) and
   * the known positions' pool values (reconciliation at the checkpoints there).
   */
  poolKeys(): string[] {
    const rootHotkeys = this.fundHotkeys();
    this.#poolKeys ??= [
      ...this.netuids.flatMap(poolKeysOf),
      ...rootClaimKeys(this.coldkey, rootHotkeys, this.netuids),
      ...twrKeysOf(rootHotkeys),
      ...poolValueKeys(this.positions.values()),
    ];
    return this.#poolKeys;
  }

  /** Validators whose fund's BasketTwr is read at checkpoints: those of the coldkey's root positions (known so far). */
  fundHotkeys(): string[] {
    return [...new Set([...this.positions.values()].filter((p) => p.netuid === 0).map((p) => p.hotkey))].sort();
  }
  #poolKeys: string[] | null = null;

  /**
   * State at block b with the current key set, optionally with events and pools (merged with what
   * was read there before, see BlockReads). `phase` names the request in the reader's counts.
   */
  read(b: number, withEvents = false, withPools = false, phase = 'checkpoint'): Promise<BlockState> {
    const wanted = withPools ? [...this.#keys(), ...this.poolKeys(), ...this.pairs.crossKeys(b)] : this.#keys();
    const read = this.#reads.read(b, wanted, withEvents, `fingerprint: ${phase}`);
    const netuids = this.netuids; // whose pool keys `wanted` holds
    const noteSpec = (s: BlockState) => [this.#specs.set(b, s.upgradeSpec), this.pairs.noteSpec(b, s.upgradeSpec)];
    read.then((s) => [noteSpec(s), withPools && this.poolRows.note(s, netuids)]).catch(() => undefined);
    return read;
  }
  readonly #specs = new Map<number, number | null>();
  /** The subnet rows of the blocks read with the pools, made while the finder waits (pool-rows.ts). */
  readonly poolRows: PoolRows;

  /** Change block b and b − 1 have the same funds: b ran no migration and no event of it could change them. */
  fundsSteady(b: number): boolean {
    return this.#fundsSteady.has(b) && this.#specs.has(b - 1) && this.#specs.get(b) === this.#specs.get(b - 1);
  }
  readonly #fundsSteady = new Set<number>();

  /** Forget cached reads below `b` (live tracking keeps only what the next gap needs). */
  forgetBelow(b: number): void {
    this.#reads.forgetBelow(b);
    this.poolRows.forgetBelow(b);
    for (const k of this.#specs.keys()) if (k < b) this.#specs.delete(k);
    for (const k of this.#fundsSteady) if (k < b) this.#fundsSteady.delete(k);
  }

  /**
   * Hotkeys and positions known at `hi` (StakingHotkeys, LastColdkeyHotkeyStakeBlock and Alpha keys), and the
   * subnets at `hi` and at the range's lower end: one dissolved in between is gone at `hi`, and if it was the
   * highest, reads stopped below it (basket475 seed 303: subnet 7, dissolved at 15,000).
   */
  async discover(hi: number, lo = hi): Promise<void> {
    if (this.#discoveredAt !== null) return;
    const hash = await this.reader.hashOf(hi);
    const lower = lo < hi ? await this.reader.subnetsAt(await this.reader.hashOf(lo)) : [];
    const subnets = [...(await this.reader.subnetsAt(hash)), ...lower];
    // The funds at the head (441+): their watermarks ride in the reads (CheckpointPairs.setFunds).
    if ((await this.#discoverAt(hi)).baskets) this.pairs.setFunds(await fundList(this.reader, hash));
    const highest = Math.max(0, ...subnets, ...[...this.positions.values()].map((p) => p.netuid));
    this.netuids = upTo(highest);
    this.#poolKeys = null;
    this.pairs.invalidate();
    this.#discoveredAt = hi;
  }

  /**
   * Adds the hotkeys and positions the coldkey holds at block b. Positions are listed from both share
   * maps: `Alpha` (V1) where the runtime has it (from 473 it has not, and a row left there holds no
   * stake: docs/chain/share-pools.md#retirement-of-v1-473) and `AlphaV2` (spec ≥ 397). True when it grew.
   */
  async #discoverAt(b: number): Promise<{ grew: boolean; baskets: boolean }> {
    const hash = await this.reader.hashOf(b);
    const [staking, lastKeys] = await Promise.all([
      this.reader.readBlock(b, [keys.stakingHotkeys(this.coldkey)], false),
      this.reader.keysPaged(keys.lastStakeBlockPrefix(this.coldkey), hash, 'the hotkeys this coldkey staked to'),
    ]);
    let grew = false;
    for (const hot of decodeAccountVec(staking.values.get(keys.stakingHotkeys(this.coldkey)) ?? null))
      if (this.#addHotkey(hot)) grew = true;
    for (const k of lastKeys) if (this.#addHotkey(encodeAddress(trailingAccount(k), 42))) grew = true;
    const features = runtimeFeatures((await this.reader.runtimeFor(staking)).registry);
    const listed = await Promise.all(
      [...this.hotkeys].flatMap((hot) =>
        [...(features.alphaV1 ? [keys.alphaPrefix(hot, this.coldkey)] : []), keys.alphaV2Prefix(hot, this.coldkey)].map(
          (prefix) =>
            this.reader
              .keysPaged(prefix, hash, 'the positions of this coldkey')
              .then((ks) => ks.map((k) => [hot, trailingU16(k)] as const)),
        ),
      ),
    );
    for (const list of listed) for (const [hot, netuid] of list) if (this.#addPosition(hot, netuid)) grew = true;
    return { grew, baskets: features.baskets };
  }

  /** Candidate blocks in [lo, hi] from the LastColdkeyHotkeyStakeBlock chains (walk.ts). */
  async #walk(lo: number, hi: number, changes: Map<number, ChangeBlock>): Promise<Set<number>> {
    const reached = new Map<number, string[]>(); // the chains that reached each block (fill-pairs.ts)
    const found = await walkChains(
      {
        reader: this.reader,
        coldkey: this.coldkey,
        hotkeys: () => this.hotkeys,
        read: (b, withEvents, withPools) => this.read(b, withEvents, withPools, 'walk'),
        addPosition: (hotkey, netuid) => void this.#addPosition(hotkey, netuid),
        changeBlock: async (b) => {
          const c = await this.#decodeAt(b);
          changes.set(b, c);
          await this.#absorb([c]);
        },
      },
      lo,
      hi,
      reached,
    );
    // The pairs batched buys landed on (run's first round reads them at the change blocks).
    for (const p of reachedFillPairs(this.coldkey, reached, changes)) this.#addPosition(p.hotkey, p.netuid);
    return found;
  }

  /** Blocks in the gaps (p, q] where the fingerprint changes (bisection.ts). */
  #bisect(gaps: Gap[], out: Set<number>): Promise<void> {
    return bisectGaps(
      {
        reader: this.reader,
        coldkey: this.coldkey,
        full: (b, withEvents, phase) => this.read(b, withEvents, true, phase),
        narrow: (b, keyList) => this.#reads.read(b, keyList, false, 'fingerprint: bisection'),
      },
      gaps,
      out,
    );
  }

  async #verify(lo: number, hi: number, candidates: Set<number>): Promise<Set<number>> {
    const points = [lo - 1, ...[...candidates].sort((a, b) => a - b)];
    const found = new Set<number>();
    const gaps: Gap[] = [];
    await this.reader.prefetchHashes(points.flatMap((p, i) => [p, (points[i + 1] ?? hi + 1) - 1]));
    await Promise.all(
      points.map(async (p, i) => {
        const next = points[i + 1];
        const q = next === undefined ? hi : next - 1;
        if (q <= p) {
          // Adjacent change blocks: still fetch the block before `next` with pools (its checkpoint).
          if (next !== undefined) await this.read(next - 1, false, true, 'verification');
          return;
        }
        // Change blocks and the blocks before them carry the pools too (their checkpoints need them).
        const [sp, sq] = await Promise.all([
          this.read(p, false, i > 0, 'verification'),
          this.read(q, false, next !== undefined, 'verification'),
        ]);
        const keyList = this.#keys();
        const values = (s: BlockState) => fingerprintValues(this.coldkey, s.values, keyList);
        const gap = splitGap(p, q, keyList, values(sp), values(sq));
        if (gap) gaps.push(gap);
      }),
    );
    await this.#bisect(gaps, found);
    return found;
  }

  /** The coldkey's change blocks in [lo, hi] with decoded stake-event rows, ascending; re-verified while positions grow. */
  async run(lo: number, hi: number, onProgress?: (found: number) => void): Promise<ChangeBlock[]> {
    if (lo > hi) return [];
    await this.discover(hi, lo);
    // A later run (live following) looks beyond the discovery's head: positions new there show in shares only.
    this.pairs.watchFrom = lo > (this.#discoveredAt ?? Infinity) ? lo - 1 : null;
    this.#keyList = null;
    const changes = new Map<number, ChangeBlock>();
    const candidates = await this.#walk(lo, hi, changes);
    // Upgrade blocks are change blocks too (migrations may move α silently); StakeInfo before one lists unseen α.
    const read = (b: number) => this.read(b, false, false, 'runtime upgrade');
    const upgrades = await upgradeBlocks(this.reader, this.#specs, read, lo, hi);
    for (const b of upgrades) candidates.add(b);
    this.seed(await heldBefore(upgrades, this), []);
    for (let round = 0; round < 20; round++) {
      const todo = [...candidates].filter((b) => !changes.has(b));
      // One request for the hashes of every change block and the block before it.
      await this.reader.prefetchHashes(todo.flatMap((b) => [b, b - 1]));
      const decoded = await Promise.all(todo.map((b) => this.#decodeAt(b)));
      let grew = false;
      for (const c of decoded) changes.set(c.state.number, c);
      if (await this.#absorb(decoded)) grew = true;
      // Pairs known now may hold α at change blocks read before they were: the walk's, an earlier round's.
      if (grew || round === 0)
        for (const p of await heldLate(this, [...changes.keys()])) grew = this.#addPosition(p.hotkey, p.netuid) || grew;
      // Positions learned after a swap's block was read go through it too (swap-pairs.ts, upgrade424 seed 4101).
      for (const p of swappedPairs(hotkeySwapsOf(this.#events.values()), this.positions.values()))
        grew = this.#addPosition(p.hotkey, p.netuid) || grew;
      onProgress?.(changes.size);
      const extra = await this.#verify(lo, hi, candidates);
      // And at the blocks before them, just read by verification: held only there (basket475 seed 48).
      const before = [...changes.keys()].map((b) => b - 1).filter((b) => b >= lo);
      for (const p of await heldLate(this, before)) grew = this.#addPosition(p.hotkey, p.netuid) || grew;
      const added = [...extra].filter((b) => !candidates.has(b));
      for (const b of added) candidates.add(b);
      if (added.length === 0 && !grew && !(await searchDissolutions(this, changes.keys(), lo, candidates, hi))) break;
    }
    // Relevance of a silent event depends on the positions known; decide it with the final set.
    const context = this.#context();
    for (const c of changes.values()) {
      const events = this.#events.get(c.state.number);
      if (events) Object.assign(c, stakeEventsOf(events, context, c.specVersion));
      if (upgrades.includes(c.state.number)) c.upgrade = true;
    }
    this.#events.clear();
    return [...changes.values()].sort((a, b) => a.state.number - b.state.number);
  }

  /**
   * Learns what decoded change blocks reveal. True when the known set grew. The events of all are
   * learned first and the reads of the blocks before their root claims go out together: one after
   * another they cost a round trip each (28 on `npm run bench:sync`, ~0.6 s at 20 ms).
   */
  async #absorb(cs: readonly ChangeBlock[]): Promise<boolean> {
    let grew = false;
    for (const c of cs) if (this.#learn(c)) grew = true;
    const before = await Promise.all(
      cs.map((c) => (c.claims.length > 0 ? this.read(c.state.number - 1, false, true, 'root claim') : null)),
    );
    for (const [i, c] of cs.entries()) {
      // A root claim keeping α on subnets stakes it on positions no event names (root-claims.ts keptClaimPairs).
      const values = before[i]?.values;
      if (values)
        for (const p of keptClaimPairs(this.coldkey, this.fundHotkeys(), this.netuids, values, c.state.values))
          grew = this.#addPosition(p.hotkey, p.netuid) || grew;
      // A coldkey swap onto this coldkey brings positions no event names: list what it holds right after.
      if (c.silent.some((ref) => ref.kind === 'ColdkeySwapped' && ref.newColdkey === this.coldkey))
        if ((await this.#discoverAt(c.state.number)).grew) grew = true;
    }
    return grew;
  }

  /** Positions a change block reveals (the fingerprint must cover them). True when the set grew. */
  #learn(c: ChangeBlock): boolean {
    let grew = false;
    for (const row of c.rows) {
      if (row.coldkey !== this.coldkey || !row.hotkey || row.netuid === null) continue;
      if (POSITION_KINDS.has(row.kind) && this.#addPosition(row.hotkey, row.netuid)) grew = true;
    }
    // Positions continue under the new hotkey and were under the old one (docs/chain/change-discovery.md).
    const swaps = c.silent.flatMap((ref) => (ref.kind === 'HotkeySwapped' ? [ref] : []));
    for (const p of swappedPairs(swaps, this.positions.values()))
      if (this.#addPosition(p.hotkey, p.netuid)) grew = true;
    for (const ref of swaps) if (this.#addHotkey(ref.newHotkey)) grew = true;
    // A pair read beside the positions with α no event named becomes one (bisection then finds its block).
    for (const p of this.pairs.heldAt(c.state.number, c.state.values))
      if (this.#addPosition(p.hotkey, p.netuid)) grew = true;
    return grew;
  }

  #context(): DecodeContext {
    return {
      coldkey: this.coldkey,
      hotkeys: this.hotkeys,
      netuids: new Set([...this.positions.values()].map((p) => p.netuid)),
    };
  }

  async #decodeAt(b: number): Promise<ChangeBlock> {
    // Events, fingerprint and pools: verification and the checkpoint reuse the read (unless events reveal positions).
    const state = await this.read(b, true, true, 'events');
    const runtime = await this.reader.runtimeFor(state);
    const events = decodeEvents(runtime.registry, state.events, b, runtime.specVersion);
    this.#events.set(b, events);
    if (fundsUnchangedBy(events)) this.#fundsSteady.add(b);
    return { state, specVersion: runtime.specVersion, ...stakeEventsOf(events, this.#context(), runtime.specVersion) };
  }

  /** Decoded events of the change blocks of the current run, re-read once the position set is final. */
  readonly #events = new Map<number, DecodedEvent[]>();
}
