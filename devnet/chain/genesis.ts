/**
 * Genesis of a scenario (block 0): root and the subnets with their pools and static storage,
 * validators with self-stake, endowed market actors, root stakers, and the scripted users; and the
 * registration of a subnet later in the history.
 */
import type { Acc } from './accounts.js';
import { deriveAccount } from './accounts.js';
import { leaseAccount } from './leases.js';
import { Rng } from './rng.js';
import type { Registration, ScenarioConfig, Validator } from './scenario.js';
import { EpochSchedule } from './epochs.js';
import { TEMPO } from './emissions.js';
import type { World } from './world.js';

const TAO = 1_000_000_000n;

/** Block 0: subnets, pools, validators with self-stake, endowed actors, users. */
export function genesis(w: World): void {
  const rng = new Rng(`${w.seed}:genesis`);
  const c = w.chain;
  c.beginBlock(0);
  for (let i = 0; i < w.cfg.validators; i++) {
    w.validators.push({
      hotkey: deriveAccount(`${w.seed}:val-hot:${i}`),
      owner: deriveAccount(`${w.seed}:val-cold:${i}`),
      subnets: [],
    });
  }
  w.validators.slice(0, w.cfg.identities ?? 0).forEach((v, i) => c.setLog('IdentitiesV2', identity(i), v.owner));
  const root = w.validators.slice(0, Math.max(1, Math.ceil(w.validators.length / 4)));
  const rootOwner = deriveAccount(`${w.seed}:root-owner`);
  c.addSubnet(
    // root dividends before root claims (< 334): ~11 % a year (1.5e-5 per epoch × 7300 epochs)
    {
      netuid: 0,
      ownerHotkey: deriveAccount(`${w.seed}:root-hot`),
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
  const registeredAtOf = registrationBlocks(w.cfg);
  c.epochs.plan(
    Array.from({ length: w.cfg.subnets }, (_, i) => ({ netuid: i + 1, registeredAt: registeredAtOf(i + 1) })),
  );
  for (let n = 1; n <= w.cfg.subnets; n++) {
    // A leased subnet is owned by the lease's derived keys (lease id 0, the only lease).
    const leased = w.cfg.lease?.netuid === n;
    const owner = leased ? leaseAccount('coldkey', 0) : deriveAccount(`${w.seed}:sn-owner:${n}`);
    const ownerHot = leased ? leaseAccount('hotkey', 0) : deriveAccount(`${w.seed}:sn-owner-hot:${n}`);
    const priceMilli = BigInt(rng.int(3, 200)); // 0.003 .. 0.2 TAO per alpha
    const tao = BigInt(rng.int(2_000, 60_000)) * TAO;
    const alphaIn = (tao * 1000n) / priceMilli;
    // 10–150 % APY-equivalent nominator growth per epoch (~7300 epochs a year)
    const growth = BigInt(rng.int(13_000, 130_000));
    const vs = new Set<number>();
    const k = Math.min(w.validators.length, rng.int(2, 6));
    while (vs.size < k) vs.add(rng.int(0, w.validators.length));
    const stakes = [...vs].map((i) => ({
      v: w.validators[i] as Validator,
      alpha: BigInt(rng.int(1_000, 20_000)) * TAO,
    }));
    // The last `late` subnets register during the history (spread over its first 80 %).
    const registeredAt = registeredAtOf(n);
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
    if (registeredAt === 0) registerSubnet(w, reg);
    else {
      w.registrations.push(reg);
      w.registrationBlocks.add(registeredAt);
    }
  }
  for (const v of w.validators) {
    c.registerHotkey(v.hotkey, v.owner);
    c.endow(v.owner, 1000n * TAO);
  }
  for (let i = 0; i < w.cfg.marketActors; i++) {
    const a = deriveAccount(`${w.seed}:market:${i}`);
    w.market.push(a);
    const endowment = BigInt(rng.int(20, 1_500)) * TAO;
    w.endowment.set(a, endowment);
    c.endow(a, endowment);
  }
  for (let i = 0; i < Math.min(12, w.market.length); i++) {
    const a = w.market[i] as Acc;
    const v = rng.pick(root);
    c.seedStake(a, v.hotkey, 0, BigInt(rng.int(10, 500)) * TAO);
    w.claimers.push({ cold: a, offset: rng.int(0, w.cfg.claimEvery) });
  }
  w.cfg.users.forEach((u, i) => {
    const coldkey = u.account ?? deriveAccount(`${w.seed}:user:${u.label}`);
    c.tracked.add(coldkey);
    c.endow(coldkey, u.balanceTao * TAO);
    const targets: { hotkey: Acc; netuid: number }[] = [];
    const seen = new Set<string>();
    const want = Math.min(u.positions, w.pairs.length);
    if (u.rootStakeTao) {
      const v = rng.pick(root);
      targets.push({ hotkey: v.hotkey, netuid: 0 });
      seen.add(`${v.hotkey}|0`);
      c.seedStake(coldkey, v.hotkey, 0, u.rootStakeTao * TAO);
      w.claimers.push({ cold: coldkey, offset: (i * 997) % w.cfg.claimEvery });
    }
    while (targets.length < want) {
      const p = rng.pick(w.pairs);
      const k = `${p.hotkey}|${p.netuid}`;
      if (seen.has(k)) continue;
      seen.add(k);
      targets.push(p);
    }
    const schedule: number[] = [];
    for (let j = 0; j < u.actions; j++) schedule.push(rng.int(1, w.cfg.blocks + 1));
    schedule.sort((a, b) => a - b);
    w.users.push({ cfg: u, coldkey, targets, schedule, next: 0 });
  });
  if (w.cfg.lease) createLease(w, w.cfg.lease);
  if (w.cfg.miners) w.miners.genesis(w.cfg.miners);
  c.endBlock();
}

/** The scenario's lease (from genesis); contributing users also trade the lease hotkey's position. */
function createLease(w: World, cfg: NonNullable<ScenarioConfig['lease']>): void {
  if (registrationBlocks(w.cfg)(cfg.netuid) !== 0) throw new Error('a leased subnet must exist at genesis');
  const userOf = (i: number) => {
    const u = w.users[i];
    if (!u) throw new Error(`lease: no user ${i}`);
    return u;
  };
  const contributions = cfg.contributors.map((x) => ({
    contributor: 'user' in x ? userOf(x.user).coldkey : deriveAccount(`${w.seed}:lease:${x.label}`),
    tao: x.tao * TAO,
  }));
  const lease = w.chain.leases.create(
    cfg.netuid,
    userOf(cfg.beneficiary).coldkey,
    cfg.emissionsShare,
    contributions,
    cfg.raisedTao * TAO,
  );
  for (const x of cfg.contributors)
    if ('user' in x) userOf(x.user).targets.push({ hotkey: lease.hotkey, netuid: cfg.netuid });
}

/** Registers a subnet now: pool, static storage, validators' initial self-stake. */
export function registerSubnet(w: World, reg: Registration): void {
  const c = w.chain;
  c.addSubnet(reg.def, reg.tao, reg.alphaIn);
  w.schedulePayout(reg.def.netuid, c.cur + 1);
  if (reg.def.registeredAt > 0) {
    c.initStep(() => c.emitInit({ pallet: 'SubtensorModule', name: 'NetworkAdded', args: [reg.def.netuid, 1] }));
  }
  for (const { v, alpha } of reg.stakes) {
    v.subnets.push(reg.def.netuid);
    c.registerHotkey(v.hotkey, v.owner);
    c.seedStake(v.owner, v.hotkey, reg.def.netuid, alpha);
    const pair = { hotkey: v.hotkey, netuid: reg.def.netuid };
    w.pairs.push(pair);
    const byNet = w.pairsByNet.get(pair.netuid);
    if (byNet) byNet.push(pair);
    else w.pairsByNet.set(pair.netuid, [pair]);
    const list = w.pairsByHot.get(v.hotkey);
    if (list) list.push(pair);
    else w.pairsByHot.set(v.hotkey, [pair]);
  }
}

/** Made-up validator names (ASCII and not), one per validator with an identity. */
const VALIDATOR_NAMES = ['Aurora Stake', 'Basalt Nodes', 'Cobalt Relay', 'Δelta Validators', 'Ember Labs', 'Fjord'];

/** An IdentitiesV2 value: the name set, the other fields empty, as most validators leave them. */
function identity(i: number) {
  const name = VALIDATOR_NAMES[i % VALIDATOR_NAMES.length]!;
  return { name, url: '', githubRepo: '', image: '', discord: '', description: '', additional: '' };
}

function symbolFor(n: number): string {
  const greek = 'αβγδεζηθικλμνξοπρστυφχψω';
  return greek[n % greek.length] + (n >= greek.length ? String(Math.floor(n / greek.length)) : '');
}

/**
 * Registration block of each subnet: genesis, or for the last `lateSubnets` spread over the first 80 %
 * of the history. With `epochCollision`, the last `subnets` of them register after the stateful
 * scheduler starts, each at the block that makes its first epoch fall on subnet 1's first epoch after
 * `after`: more subnets due in one block than the cap, so the scheduler defers some (EpochDeferred).
 */
function registrationBlocks(cfg: ScenarioConfig): (netuid: number) => number {
  const colliding = cfg.epochCollision?.subnets ?? 0;
  const late = Math.min(cfg.lateSubnets ?? 0, cfg.subnets - 1 - colliding);
  const spread = (n: number) => {
    const lateIndex = n - (cfg.subnets - colliding - late);
    return lateIndex > 0 ? Math.floor((cfg.blocks * 0.8 * lateIndex) / (late + 1)) : 0;
  };
  if (!cfg.epochCollision || colliding === 0) return spread;
  const { after } = cfg.epochCollision;
  const others = Array.from({ length: cfg.subnets - colliding }, (_, i) => ({
    netuid: i + 1,
    registeredAt: spread(i + 1),
  }));
  const probe = new EpochSchedule(cfg.specs);
  probe.plan(others);
  const target = probe.epochBlock(1, probe.epochsAt(1, after + TEMPO) + 1);
  return (n) => (n > cfg.subnets - colliding ? target - TEMPO + (n % TEMPO) : spread(n));
}
