/**
 * Drives a Chain: genesis from a scenario, seeded market participants, the scenario's scripted
 * users, periodic auto root claims, and block production (history generation and live mode).
 * Only blocks where something happens are built; the rest are implicitly empty.
 */
import type { Acc } from './accounts.js';
import { deriveAccount } from './accounts.js';
import type { Action, ExtrinsicRec, SpecSpan, SubnetDef } from './chain.js';
import { Chain } from './chain.js';
import { Rng } from './rng.js';
import { epochBlock, epochsAt } from './emissions.js';

const TAO = 1_000_000_000n;
/** Subnet owner cut per paid epoch (18 % of ~360 α of emission) and validator take (18 % of dividends). */
const OWNER_CUT_PER_EPOCH = 65n * TAO;
const VALIDATOR_TAKE_PPM = 180_000n;
/** Root-claim accrual: alpha per unit of root stake per block on each of up to two dividend subnets
 * (250 ppb ≈ 1.8 ‰ a day; at a 0.1 TAO price about 6–13 % a year in TAO). */
const ROOT_CLAIM_PPB_PER_BLOCK = 250n;

export interface UserConfig {
  label: string;
  /** Fixed account (e.g. the demo wallet); otherwise derived from label + seed. */
  account?: Acc;
  balanceTao: bigint;
  /** number of (hotkey, netuid) positions the user trades */
  positions: number;
  /** approximate number of signed actions over the history */
  actions: number;
  /** TAO staked on root at genesis (root claims need root stake) */
  rootStakeTao?: bigint;
  claimType?: 'Keep' | 'Swap';
}

export interface ScenarioConfig {
  name: string;
  /** head block after generation */
  blocks: number;
  subnets: number;
  validators: number;
  marketActors: number;
  /** mean number of blocks between blocks with market activity */
  marketEvery: number;
  specs: SpecSpan[];
  users: UserConfig[];
  /** auto root-claim period per claiming coldkey */
  claimEvery: number;
  /** unix ms of the head block at generation time (fixed → deterministic timestamps) */
  headTime: number;
  /** pay owner cut + validator take every N epochs of each subnet (absent = never) */
  epochPayoutEvery?: number;
  /** how many of the subnets register during the history instead of at genesis */
  lateSubnets?: number;
  /** live mode: mean blocks between a scripted user's own actions (absent = users act only via submit) */
  liveUserEvery?: number;
}

interface Validator {
  hotkey: Acc;
  owner: Acc;
  subnets: number[];
}

interface Registration {
  def: SubnetDef;
  tao: bigint;
  alphaIn: bigint;
  stakes: { v: Validator; alpha: bigint }[];
}

interface User {
  cfg: UserConfig;
  coldkey: Acc;
  targets: { hotkey: Acc; netuid: number }[];
  schedule: number[];
  next: number;
}

export class World {
  readonly chain: Chain;
  readonly validators: Validator[] = [];
  readonly market: Acc[] = [];
  readonly users: User[] = [];
  private readonly marketRng: Rng;
  private readonly userRng: Rng;
  private nextMarket = 1;
  private readonly claimers: { cold: Acc; offset: number }[] = [];
  /** user actions submitted programmatically, included in the next block */
  private readonly pending: Action[] = [];
  private readonly inclusion = new WeakMap<Action, { block: number; ok: boolean; xt: ExtrinsicRec }>();
  private readonly pairs: { hotkey: Acc; netuid: number }[] = [];
  private readonly pairsByHot = new Map<Acc, { hotkey: Acc; netuid: number }[]>();
  private readonly pairsByNet = new Map<number, { hotkey: Acc; netuid: number }[]>();
  private readonly sudo = deriveAccount('sudo');
  private readonly endowment = new Map<Acc, bigint>();
  private readonly registrations: Registration[] = [];
  private readonly registrationBlocks = new Set<number>();
  /** netuid → next block with an owner/validator payout */
  private readonly nextPayout = new Map<number, number>();

  constructor(
    readonly seed: number,
    readonly cfg: ScenarioConfig,
  ) {
    this.chain = new Chain(seed, cfg.specs, cfg.headTime - cfg.blocks * 12_000);
    this.marketRng = new Rng(`${seed}:market`);
    this.userRng = new Rng(`${seed}:users`);
  }

  get userColdkeys(): Acc[] {
    return this.users.map((u) => u.coldkey);
  }

  /** Block 0: subnets, pools, validators with self-stake, endowed actors, users. */
  genesis(): void {
    const rng = new Rng(`${this.seed}:genesis`);
    const c = this.chain;
    c.beginBlock(0);
    for (let i = 0; i < this.cfg.validators; i++) {
      this.validators.push({
        hotkey: deriveAccount(`${this.seed}:val-hot:${i}`),
        owner: deriveAccount(`${this.seed}:val-cold:${i}`),
        subnets: [],
      });
    }
    const root = this.validators.slice(0, Math.max(1, Math.ceil(this.validators.length / 4)));
    const rootOwner = deriveAccount(`${this.seed}:root-owner`);
    c.addSubnet(
      // root dividends before root claims (< 334): ~11 % a year (1.5e-5 per epoch × 7300 epochs)
      {
        netuid: 0,
        ownerHotkey: deriveAccount(`${this.seed}:root-hot`),
        ownerColdkey: rootOwner,
        name: 'root',
        symbol: 'Τ',
        registeredAt: 0,
        growthPpb: 15_000n,
        taoInPerBlock: 0n,
        alphaInPerBlock: 0n,
      },
      0n,
      0n,
    );
    for (const v of root) v.subnets.push(0);
    const late = Math.min(this.cfg.lateSubnets ?? 0, this.cfg.subnets - 1);
    for (let n = 1; n <= this.cfg.subnets; n++) {
      const owner = deriveAccount(`${this.seed}:sn-owner:${n}`);
      const ownerHot = deriveAccount(`${this.seed}:sn-owner-hot:${n}`);
      const priceMilli = BigInt(rng.int(3, 200)); // 0.003 .. 0.2 TAO per alpha
      const tao = BigInt(rng.int(2_000, 60_000)) * TAO;
      const alphaIn = (tao * 1000n) / priceMilli;
      // 10–150 % APY-equivalent nominator growth per epoch (~7300 epochs a year)
      const growth = BigInt(rng.int(13_000, 130_000));
      const vs = new Set<number>();
      const k = Math.min(this.validators.length, rng.int(2, 6));
      while (vs.size < k) vs.add(rng.int(0, this.validators.length));
      const stakes = [...vs].map((i) => ({
        v: this.validators[i] as Validator,
        alpha: BigInt(rng.int(1_000, 20_000)) * TAO,
      }));
      // The last `late` subnets register during the history (spread over its first 80 %).
      const lateIndex = n - (this.cfg.subnets - late);
      const registeredAt = lateIndex > 0 ? Math.floor((this.cfg.blocks * 0.8 * lateIndex) / (late + 1)) : 0;
      // Per-block pool injection: 0.002–0.04 TAO and the alpha worth it at the launch price, so
      // emissions deepen the pool and pull the price back towards its launch level.
      const taoInPerBlock = BigInt(rng.int(2, 41)) * 1_000_000n;
      const alphaInPerBlock = (taoInPerBlock * 1000n) / priceMilli;
      const def = {
        netuid: n,
        ownerHotkey: ownerHot,
        ownerColdkey: owner,
        name: `subnet-${n}`,
        symbol: symbolFor(n),
        registeredAt,
        growthPpb: growth,
        taoInPerBlock,
        alphaInPerBlock,
      };
      const reg = { def, tao, alphaIn, stakes };
      if (registeredAt === 0) this.register(reg);
      else {
        this.registrations.push(reg);
        this.registrationBlocks.add(registeredAt);
      }
    }
    for (const v of this.validators) {
      c.registerHotkey(v.hotkey, v.owner);
      c.endow(v.owner, 1000n * TAO);
    }
    for (let i = 0; i < this.cfg.marketActors; i++) {
      const a = deriveAccount(`${this.seed}:market:${i}`);
      this.market.push(a);
      const endowment = BigInt(rng.int(20, 1_500)) * TAO;
      this.endowment.set(a, endowment);
      c.endow(a, endowment);
    }
    for (let i = 0; i < Math.min(12, this.market.length); i++) {
      const a = this.market[i] as Acc;
      const v = rng.pick(root);
      c.seedStake(a, v.hotkey, 0, BigInt(rng.int(10, 500)) * TAO);
      this.claimers.push({ cold: a, offset: rng.int(0, this.cfg.claimEvery) });
    }
    this.cfg.users.forEach((u, i) => {
      const coldkey = u.account ?? deriveAccount(`${this.seed}:user:${u.label}`);
      c.tracked.add(coldkey);
      c.endow(coldkey, u.balanceTao * TAO);
      const targets: { hotkey: Acc; netuid: number }[] = [];
      const seen = new Set<string>();
      const want = Math.min(u.positions, this.pairs.length);
      if (u.rootStakeTao) {
        const v = rng.pick(root);
        targets.push({ hotkey: v.hotkey, netuid: 0 });
        seen.add(`${v.hotkey}|0`);
        c.seedStake(coldkey, v.hotkey, 0, u.rootStakeTao * TAO);
        this.claimers.push({ cold: coldkey, offset: (i * 997) % this.cfg.claimEvery });
      }
      while (targets.length < want) {
        const p = rng.pick(this.pairs);
        const k = `${p.hotkey}|${p.netuid}`;
        if (seen.has(k)) continue;
        seen.add(k);
        targets.push(p);
      }
      const schedule: number[] = [];
      for (let j = 0; j < u.actions; j++) schedule.push(rng.int(1, this.cfg.blocks + 1));
      schedule.sort((a, b) => a - b);
      this.users.push({ cfg: u, coldkey, targets, schedule, next: 0 });
    });
    c.endBlock();
  }

  /** Registers a subnet now: pool, static storage, validators' initial self-stake. */
  private register(reg: Registration): void {
    const c = this.chain;
    c.addSubnet(reg.def, reg.tao, reg.alphaIn);
    this.schedulePayout(reg.def.netuid, c.cur + 1);
    if (reg.def.registeredAt > 0) {
      c.initStep(() => c.emitInit({ pallet: 'SubtensorModule', name: 'NetworkAdded', args: [reg.def.netuid, 1] }));
    }
    for (const { v, alpha } of reg.stakes) {
      v.subnets.push(reg.def.netuid);
      c.registerHotkey(v.hotkey, v.owner);
      c.seedStake(v.owner, v.hotkey, reg.def.netuid, alpha);
      const pair = { hotkey: v.hotkey, netuid: reg.def.netuid };
      this.pairs.push(pair);
      const byNet = this.pairsByNet.get(pair.netuid);
      if (byNet) byNet.push(pair);
      else this.pairsByNet.set(pair.netuid, [pair]);
      const list = this.pairsByHot.get(v.hotkey);
      if (list) list.push(pair);
      else this.pairsByHot.set(v.hotkey, [pair]);
    }
  }

  private schedulePayout(netuid: number, from: number): void {
    const every = this.cfg.epochPayoutEvery;
    if (!every) return;
    const e = Math.ceil((epochsAt(netuid, from - 1) + 1) / every) * every;
    this.nextPayout.set(netuid, epochBlock(netuid, e));
  }

  /** Produces blocks up to `head` (history), building only blocks where something happens. */
  generate(head: number): void {
    this.nextMarket = Math.max(this.nextMarket, this.chain.head + 1);
    let b = this.chain.head + 1;
    while (b <= head) {
      let next = Math.min(this.nextMarket, head + 1);
      for (const u of this.users) {
        const s = u.schedule[u.next];
        if (s !== undefined && s < next) next = Math.max(s, b);
      }
      const nc = this.nextClaimBlock(b);
      if (nc < next) next = nc;
      for (const s of this.chain.specs) {
        for (const x of [s.from - 1, s.from]) if (x >= b && x > 0 && x < next) next = x;
      }
      for (const r of this.registrations)
        if (r.def.registeredAt >= b && r.def.registeredAt < next) next = r.def.registeredAt;
      for (const p of this.nextPayout.values()) if (p >= b && p < next) next = p;
      if (next > head) break;
      this.buildBlock(next, false);
      b = next + 1;
    }
    this.chain.head = Math.max(this.chain.head, head);
  }

  /** Live mode: one new block with market activity at some probability and all pending submissions. */
  produceNext(): number {
    const b = this.chain.head + 1;
    this.buildBlock(b, true);
    return b;
  }

  submit(a: Action): void {
    this.pending.push(a);
  }

  /** Where a submitted action was included (latest fork), or undefined while pending. */
  includedAt(a: Action): { block: number; extrinsicIndex: number; ok: boolean } | undefined {
    const inc = this.inclusion.get(a);
    if (!inc) return undefined;
    const rec = this.chain.blocks.get(inc.block);
    const i = rec ? rec.xts.indexOf(inc.xt) : -1;
    if (i < 0) return undefined; // reorganised away, waiting to be re-included
    return { block: inc.block, extrinsicIndex: i + 1, ok: inc.ok };
  }

  requeue(actions: Action[]): void {
    this.pending.unshift(...actions);
  }

  private nextClaimBlock(from: number): number {
    const start = this.chain.specs.find((s) => s.spec >= 334)?.from;
    if (start === undefined || this.claimers.length === 0) return Number.POSITIVE_INFINITY;
    const f = Math.max(from, start);
    let best = Number.POSITIVE_INFINITY;
    const p = this.cfg.claimEvery;
    for (const cl of this.claimers) {
      const r = (((cl.offset - f) % p) + p) % p;
      if (f + r < best) best = f + r;
    }
    return best;
  }

  private buildBlock(b: number, live: boolean): void {
    const c = this.chain;
    c.beginBlock(b);
    const spec = c.specAt(b);
    if (this.registrationBlocks.has(b))
      for (const r of this.registrations.filter((x) => x.def.registeredAt === b)) this.register(r);
    // on_initialize: epochs pay the owner cut and validator takes (silently) before extrinsics.
    for (const [n, at] of this.nextPayout) {
      if (at !== b) continue;
      const vals = (this.pairsByNet.get(n) ?? []).map((p) => p.hotkey);
      c.initStep(() => c.epochPayout(n, OWNER_CUT_PER_EPOCH, vals, VALIDATOR_TAKE_PPM));
      this.schedulePayout(n, b + 1);
    }
    // on_initialize: auto root claims (spec ≥ 334) run before extrinsics.
    if (spec >= 334) {
      for (const cl of this.claimers) {
        if ((b - cl.offset) % this.cfg.claimEvery === 0) {
          c.initStep(() => c.rootClaim(cl.cold, (hot) => this.dividendSubnets(hot), ROOT_CLAIM_PPB_PER_BLOCK));
        }
      }
    }
    const upgrade = c.specs.find((s) => s.from === b + 1 && b > 0);
    if (upgrade) c.submitExtrinsic({ kind: 'set_code', coldkey: this.sudo, spec: upgrade.spec });
    const claimStart = c.specs.find((s) => s.spec >= 334)?.from;
    for (const u of this.users) {
      if (b === claimStart && u.cfg.claimType === 'Keep') {
        c.submitExtrinsic({ kind: 'set_root_claim_type', coldkey: u.coldkey, claimType: 'Keep' });
      }
      while (u.schedule[u.next] !== undefined && (u.schedule[u.next] as number) <= b) {
        u.next++;
        const a = this.userAction(u);
        if (a) c.submitExtrinsic(a);
      }
    }
    if (live) {
      while (this.pending.length) {
        const a = this.pending.shift() as Action;
        const xt = c.submitExtrinsic(a, true);
        this.inclusion.set(a, { block: b, ok: xt.ok, xt });
      }
      const every = this.cfg.liveUserEvery;
      if (every) {
        for (const u of this.users) {
          if (!this.userRng.chance(1 / every)) continue;
          const a = this.userAction(u);
          if (a) c.submitExtrinsic(a);
        }
      }
      if (this.marketRng.chance(1 / Math.max(1, this.cfg.marketEvery))) this.marketBlock();
    } else if (b === this.nextMarket) {
      this.marketBlock();
      this.nextMarket = b + this.marketRng.gap(this.cfg.marketEvery);
    }
    c.endBlock();
  }

  /** Root validators earn root dividends on the (first two) subnets they validate. */
  private dividendSubnets(hot: Acc): number[] {
    return (
      this.pairsByHot
        .get(hot)
        ?.map((p) => p.netuid)
        .filter((n) => n !== 0)
        .slice(0, 2) ?? []
    );
  }

  private marketBlock(): void {
    const n = 1 + Math.floor(this.marketRng.next() * 3);
    for (let i = 0; i < n; i++) {
      const a = this.marketAction();
      if (a) this.chain.submitExtrinsic(a);
    }
  }

  /** One random open position with its alpha (cheap: actors can hold dozens of positions). */
  private pickHeld(r: Rng, cold: Acc): { hotkey: Acc; netuid: number; alpha: bigint } | null {
    const c = this.chain;
    const open = c.openOf(cold);
    for (let tries = 0; tries < 3 && open.length; tries++) {
      const p = r.pick(open);
      const alpha = c.stake(p.hotkey, cold, p.netuid);
      if (alpha > 0n) return { ...p, alpha };
    }
    return null;
  }

  private marketAction(): Action | null {
    const r = this.marketRng;
    const cold = r.pick(this.market);
    // Buy more while the actor still holds much of its endowment, sell more once invested: keeps
    // prices mean-reverting instead of drifting up all year.
    const initial = this.endowment.get(cold) ?? 1n;
    const freeShare = Number((this.chain.account(cold).free * 1000n) / initial) / 1000;
    const addShare = Math.min(0.6, Math.max(0.2, freeShare * 0.9));
    return this.randomAction(r, cold, this.pairs, this.market, addShare);
  }

  private userAction(u: User): Action | null {
    const others = this.users.filter((x) => x !== u).map((x) => x.coldkey);
    return this.randomAction(
      this.userRng,
      u.coldkey,
      u.targets,
      others.length ? others : this.market.slice(0, 5),
      0.45,
    );
  }

  private randomAction(
    r: Rng,
    cold: Acc,
    targets: { hotkey: Acc; netuid: number }[],
    counterparties: Acc[],
    addShare: number,
  ): Action | null {
    const c = this.chain;
    // ~1 % of signed calls fail (below the minimum stake): a nonce bump with ExtrinsicFailed and no stake event.
    if (r.chance(0.01)) {
      const t = r.pick(targets);
      return { kind: 'add_stake', coldkey: cold, hotkey: t.hotkey, netuid: t.netuid, tao: 1_000n };
    }
    const p = this.pickHeld(r, cold);
    const free = c.account(cold).free;
    const x = r.next();
    if (p === null || x < addShare) {
      if (free < 2n * TAO) return p ? this.removeAction(r, cold, p) : null;
      const t = r.pick(targets);
      const tao = r.big(TAO / 2n, free / 6n > TAO ? free / 6n : TAO);
      return { kind: 'add_stake', coldkey: cold, hotkey: t.hotkey, netuid: t.netuid, tao };
    }
    const part = (p.alpha * BigInt(r.int(10, 101))) / 100n;
    if (x < addShare + 0.25) return this.removeAction(r, cold, p);
    if (x < addShare + 0.33) {
      const d = r.pick(targets);
      return {
        kind: 'move_stake',
        coldkey: cold,
        originHotkey: p.hotkey,
        destHotkey: d.hotkey,
        originNetuid: p.netuid,
        destNetuid: d.netuid,
        alpha: part,
      };
    }
    if (x < addShare + 0.41) {
      const d =
        targets.find((t) => t.hotkey === p.hotkey && t.netuid !== p.netuid) ??
        this.pairsByHot.get(p.hotkey)?.find((t) => t.netuid !== p.netuid);
      if (!d) return this.removeAction(r, cold, p);
      return {
        kind: 'swap_stake',
        coldkey: cold,
        hotkey: p.hotkey,
        originNetuid: p.netuid,
        destNetuid: d.netuid,
        alpha: part,
      };
    }
    if (x < addShare + 0.46 && counterparties.length) {
      const dest = r.pick(counterparties);
      const dn = r.chance(0.7) ? p.netuid : r.pick(this.pairsByHot.get(p.hotkey) ?? [p]).netuid;
      return {
        kind: 'transfer_stake',
        coldkey: cold,
        destColdkey: dest,
        hotkey: p.hotkey,
        originNetuid: p.netuid,
        destNetuid: dn,
        alpha: part,
      };
    }
    if (x < addShare + 0.48) return { kind: 'unstake_all', coldkey: cold, hotkey: p.hotkey };
    if (x < addShare + 0.5 && p.netuid !== 0 && c.specAt(c.cur) >= 315) {
      return {
        kind: r.chance(0.5) ? 'recycle_alpha' : 'burn_alpha',
        coldkey: cold,
        hotkey: p.hotkey,
        netuid: p.netuid,
        alpha: part,
      };
    }
    return this.removeAction(r, cold, p);
  }

  private removeAction(r: Rng, cold: Acc, p: { hotkey: Acc; netuid: number; alpha: bigint }): Action {
    // Sometimes leave a dust remainder to exercise clear_small_nomination.
    const alpha = r.chance(0.05) ? p.alpha - p.alpha / 100_000n : (p.alpha * BigInt(r.int(10, 101))) / 100n;
    return { kind: 'remove_stake', coldkey: cold, hotkey: p.hotkey, netuid: p.netuid, alpha };
  }
}

function symbolFor(n: number): string {
  const greek = 'αβγδεζηθικλμνξοπρστυφχψω';
  return greek[n % greek.length] + (n >= greek.length ? String(Math.floor(n / greek.length)) : '');
}
