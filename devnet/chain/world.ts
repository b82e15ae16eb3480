/**
 * Drives a Chain: genesis from a scenario, seeded market participants, the scenario's scripted
 * users, periodic auto root claims, and block production (history generation and live mode).
 * Only blocks where something happens are built; the rest are implicitly empty.
 */
import type { Acc } from './accounts.js';
import { SUDO } from './accounts.js';
import { Actors } from './actors.js';
import { ModernActors } from './actors-424.js';
import { Script424 } from './script-424.js';
import { Miners } from './miners.js';
import type { Action, ExtrinsicRec } from './chain.js';
import { Chain } from './chain.js';
import { BALANCER_SPEC } from './balancer-book.js';
import { ROOT_DIVIDEND_PPB } from './basket.js';
import { BasketEra } from './basket-era.js';
import { BASKET_SPEC } from './state.js';
import { Rng } from './rng.js';
import { genesis, registerSubnet } from './genesis.js';
import type { Registration, ScenarioConfig, User, Validator } from './scenario.js';

export type { ScenarioConfig, UserConfig } from './scenario.js';

const TAO = 1_000_000_000n;
/** Subnet owner cut per paid epoch (18 % of ~360 α of emission) and validator take (18 % of dividends). */
export const OWNER_CUT_PER_EPOCH = 65n * TAO;
const VALIDATOR_TAKE_PPM = 180_000n;
/** Root-claim accrual: alpha per unit of root stake per block on each of up to two dividend subnets
 * (250 ppb ≈ 1.8 ‰ a day; at a 0.1 TAO price about 6–13 % a year in TAO). */
const ROOT_CLAIM_PPB_PER_BLOCK = ROOT_DIVIDEND_PPB;

export class World {
  readonly chain: Chain;
  readonly validators: Validator[] = [];
  readonly market: Acc[] = [];
  readonly users: User[] = [];
  readonly actors: Actors = new Actors(this);
  readonly modernActors: ModernActors = new ModernActors(this);
  readonly script: Script424 = new Script424(this);
  readonly basketEra: BasketEra = new BasketEra(this);
  readonly miners: Miners = new Miners(this);
  readonly marketRng: Rng;
  readonly userRng: Rng;
  private nextMarket = 1;
  readonly claimers: { cold: Acc; offset: number }[] = [];
  /** user actions submitted programmatically, included in the next block */
  private readonly pending: Action[] = [];
  private readonly inclusion = new WeakMap<Action, { block: number; ok: boolean; xt: ExtrinsicRec }>();
  readonly pairs: { hotkey: Acc; netuid: number }[] = [];
  readonly pairsByHot = new Map<Acc, { hotkey: Acc; netuid: number }[]>();
  readonly pairsByNet = new Map<number, { hotkey: Acc; netuid: number }[]>();
  private readonly sudo = SUDO;
  readonly endowment = new Map<Acc, bigint>();
  readonly registrations: Registration[] = [];
  readonly registrationBlocks = new Set<number>();
  /** netuid → next block with an owner/validator payout */
  readonly nextPayout = new Map<number, number>();

  constructor(
    readonly seed: number,
    readonly cfg: ScenarioConfig,
  ) {
    this.chain = new Chain(seed, cfg.specs, cfg.headTime - cfg.blocks * 12_000);
    if (cfg.quietPoolsFrom !== undefined) this.chain.quietPoolsFrom = cfg.quietPoolsFrom;
    this.marketRng = new Rng(`${seed}:market`);
    this.userRng = new Rng(`${seed}:users`);
    this.chain.dividendSubnetsOf = (hot) => this.dividendSubnets(hot);
  }

  /** Every coldkey a scripted user has had (a coldkey swap adds one), i.e. the truth's coldkeys. */
  get userColdkeys(): Acc[] {
    return [...this.chain.tracked];
  }

  /** Block 0: subnets, pools, validators with self-stake, endowed actors, users. */

  genesis(): void {
    genesis(this);
    this.script.afterGenesis();
  }

  /** Block where Keep users set their root claim type: the first block of a root-claim runtime (≥ 1). */
  private claimTypeBlock(): number | undefined {
    const from = this.chain.specs.find((s) => s.spec >= 334)?.from;
    return from === undefined ? undefined : Math.max(1, from);
  }

  /** A validator hotkey was swapped: the world's validators, pairs and users' targets follow it. */
  renameHotkey(old: Acc, next: Acc): void {
    for (const v of this.validators) if (v.hotkey === old) v.hotkey = next;
    const rename = (p: { hotkey: Acc }) => {
      if (p.hotkey === old) p.hotkey = next;
    };
    this.pairs.forEach(rename);
    for (const list of this.pairsByNet.values()) list.forEach(rename);
    const moved = this.pairsByHot.get(old);
    if (moved) {
      this.pairsByHot.delete(old);
      this.pairsByHot.set(next, moved);
    }
    for (const u of this.users) u.targets.forEach(rename);
  }

  schedulePayout(netuid: number, from: number): void {
    const every = this.cfg.epochPayoutEvery;
    if (!every) return;
    const ep = this.chain.epochs;
    const e = Math.ceil((ep.epochsAt(netuid, from - 1) + 1) / every) * every;
    this.nextPayout.set(netuid, ep.epochBlock(netuid, e));
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
      const scripted = [...this.script.blocks(), ...this.basketEra.blocks(), ...this.miners.blocks()];
      for (const x of [...scripted, this.claimTypeBlock() ?? -1]) if (x >= b && x < next) next = x;
      const quiet = this.cfg.quietPoolsFrom;
      if (quiet !== undefined && quiet >= b && quiet < next) next = quiet;
      const deferral = this.chain.epochs.nextDeferralBlock(b, Math.max(0, Math.min(next, head) - b));
      if (deferral < next) next = deferral;
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
      for (const r of this.registrations.filter((x) => x.def.registeredAt === b)) registerSubnet(this, r);
    // on_runtime_upgrade to the balancer (and the quiet-pools test knob): the injection rate changes.
    const toBalancer = c.specs.some((s) => s.from === b && s.spec >= BALANCER_SPEC) && c.specAt(b - 1) < BALANCER_SPEC;
    if (toBalancer || b === this.cfg.quietPoolsFrom) {
      for (const n of c.subnets.keys()) if (n !== 0) c.initStep(() => c.rebaseReserves(n));
    }
    if (toBalancer) this.script.atUpgrade();
    // on_runtime_upgrade / on_initialize of the basket era: migrations, dissolution phases, the deposit drain.
    if (spec >= BASKET_SPEC) this.basketEra.atBlock(b);
    // on_initialize: the stateful scheduler (≥ 423) defers epochs beyond the per-block cap.
    for (const d of c.epochs.deferralsAt(b)) {
      const args = [d.netuid, BigInt(d.from), BigInt(d.to)];
      c.initStep(() => c.emitInit({ pallet: 'SubtensorModule', name: 'EpochDeferred', args }));
    }
    // on_initialize: epochs pay the owner cut and validator takes (silently) before extrinsics.
    for (const [n, at] of this.nextPayout) {
      if (at !== b) continue;
      const vals = (this.pairsByNet.get(n) ?? []).map((p) => p.hotkey);
      c.initStep(() => {
        c.epochPayout(n, OWNER_CUT_PER_EPOCH, vals, VALIDATOR_TAKE_PPM);
        // a leased subnet's owner cut feeds the lease's dividends (distribute_dividends_and_incentives)
        c.leases.ownerCutPaid(n, OWNER_CUT_PER_EPOCH);
        // then the miners' incentive (distribute_dividends_and_incentives)
        this.miners.epoch(n);
      });
      this.schedulePayout(n, b + 1);
    }
    // on_initialize: auto root claims (spec 334–440) run before extrinsics; the basket era has none.
    if (spec >= 334 && spec < BASKET_SPEC) {
      for (const cl of this.claimers) {
        if ((b - cl.offset) % this.cfg.claimEvery === 0) {
          c.initStep(() => c.rootClaim(cl.cold, (hot) => this.dividendSubnets(hot), ROOT_CLAIM_PPB_PER_BLOCK));
        }
      }
    }
    const upgrade = c.specs.find((s) => s.from === b + 1 && b > 0);
    if (upgrade) c.submitExtrinsic({ kind: 'set_code', coldkey: this.sudo, spec: upgrade.spec });
    this.script.atBlock(b, live);
    this.miners.atBlock(b);
    if (spec >= BASKET_SPEC) this.basketEra.scripted(b);
    const claimStart = this.claimTypeBlock();
    for (const u of this.users) {
      if (b === claimStart && u.cfg.claimType === 'Keep') {
        c.submitExtrinsic({ kind: 'set_root_claim_type', coldkey: u.coldkey, claimType: 'Keep' });
      }
      while (u.schedule[u.next] !== undefined && (u.schedule[u.next] as number) <= b) {
        u.next++;
        const a = this.actors.userAction(u);
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
          const a = this.actors.userAction(u);
          if (a) c.submitExtrinsic(a);
        }
      }
      if (this.marketRng.chance(1 / Math.max(1, this.cfg.marketEvery))) this.actors.marketBlock();
    } else if (b === this.nextMarket) {
      this.actors.marketBlock();
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
}
