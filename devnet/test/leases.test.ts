/**
 * Subnet-lease dividends (scenario lease; devnet/README.md, Leases): distributions conserve α, their
 * events (StakeRemoved, StakeAdded, SubnetLeaseDividendsDistributed per recipient, Initialization
 * phase) decode with the real 424 metadata, the stake storage a client discovers changes from follows
 * them, a distribution worth less than the minimum stake is rolled back whole, and the truth's lease
 * lines and leaseDividends are those events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { RawClient, apiFor, ensureMetadata } from './helpers.js';
import { SCENARIOS, startDevnet } from '../index.js';
import type { Devnet } from '../index.js';
import { OWNER_CUT_PER_EPOCH, World } from '../chain/world.js';
import type { ScenarioConfig } from '../chain/scenario.js';
import { deriveAccount, ss58 } from '../chain/accounts.js';
import { LEASE_INTERVAL, LEASE_TRANSFER_SPEC, type Lease } from '../chain/leases.js';
import { MIN_STAKE } from '../chain/pools.js';
import { buildTruth } from '../truth.js';
import type { Chain, EventRec } from '../chain/chain.js';

const TAO = 1_000_000_000n;
const ONE = 1n << 64n;
const LEASE = SCENARIOS['lease']!;
const LEASE_CFG = LEASE.lease!;
const OWNER_CUT = OWNER_CUT_PER_EPOCH;
const CUT = (OWNER_CUT * BigInt(LEASE_CFG.emissionsShare) + 99n) / 100n;

function build(cfg: ScenarioConfig, seed = 1): World {
  const w = new World(seed, cfg);
  w.genesis();
  w.generate(cfg.blocks);
  return w;
}

/** The distribution of block b: the init events from the lease's first StakeRemoved on, in threes. */
function distribution(c: Chain, lease: Lease, b: number): EventRec[][] {
  const init = c.blocks.get(b)?.init ?? [];
  const first = init.findIndex((e) => e.name === 'StakeRemoved' && e.args[0] === lease.coldkey);
  if (first < 0) return [];
  const out: EventRec[][] = [];
  for (let i = first; init[i]?.name === 'StakeRemoved' && init[i]!.args[0] === lease.coldkey; i += 3)
    out.push(init.slice(i, i + 3));
  return out;
}

/** Blocks where the lease's subnet ran a paid epoch (every epoch in this scenario). */
function epochBlocks(c: Chain, netuid: number, upTo: number): number[] {
  const out: number[] = [];
  for (let e = 1, b = c.epochs.epochBlock(netuid, 1); b <= upTo; e++, b = c.epochs.epochBlock(netuid, e)) out.push(b);
  return out;
}

beforeAll(() => ensureMetadata());

describe('lease scenario', () => {
  let dn: Devnet;
  let api: ApiPromise;
  let raw: RawClient;
  let lease: Lease;

  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'lease', seed: 1, port: 0 });
    api = await apiFor(dn.url);
    raw = await RawClient.open(dn.url);
    lease = dn.chain.leases.all[0]!;
  });
  afterAll(async () => {
    raw?.close();
    await api?.disconnect();
    await dn?.close();
  });

  it('builds deterministically, with ≥ 10 distributions to each tracked user', () => {
    const a = build(LEASE);
    const b = build(LEASE);
    const truth = (w: World) => JSON.stringify(buildTruth(w.chain, 'x', w.chain.head - 2));
    expect(truth(a)).toBe(truth(dn.world));
    expect(truth(b)).toBe(truth(a));
    const t = dn.truth();
    for (const coldkey of dn.coldkeys) {
      const n = t.events.filter((e) => e.kind === 'SubnetLeaseDividendsDistributed' && e.coldkey === coldkey).length;
      expect(n).toBeGreaterThanOrEqual(10);
    }
    expect(truth(build(LEASE, 2))).not.toBe(truth(a));
    // the contributor also buys and sells the lease hotkey's position and others with signed calls
    const uma = ss58(dn.world.users[0]!.coldkey);
    const signed = t.events.filter((e) => e.coldkey === uma && e.extrinsicIndex !== null);
    const onLease = (e: (typeof signed)[number]) => e.hotkey === ss58(lease.hotkey) && e.netuid === lease.netuid;
    for (const kind of ['StakeAdded', 'StakeRemoved']) {
      expect(signed.some((e) => e.kind === kind && onLease(e))).toBe(true);
      expect(signed.some((e) => e.kind === kind && !onLease(e) && e.netuid !== 0)).toBe(true);
    }
  });

  it('every distribution conserves α: the lease coldkey loses what the recipients gain, all it accumulated', () => {
    const c = dn.chain;
    const recipients = [...lease.shares.map((s) => s.contributor), lease.beneficiary];
    let accumulated = 0n;
    let distributions = 0;
    for (const b of epochBlocks(c, lease.netuid, c.head)) {
      const total = accumulated + (c.specAt(b) >= LEASE_TRANSFER_SPEC ? CUT : 0n);
      const groups = distribution(c, lease, b);
      if (b % LEASE_INTERVAL !== 0) {
        expect(groups).toEqual([]);
        expect(c.leases.accumulated(lease, b)).toBe(total);
        accumulated = total;
        continue;
      }
      distributions++;
      expect(groups.map((g) => g[1]!.args[0])).toEqual(recipients);
      const paid = groups.map((g) => g[0]!.args[3] as bigint);
      expect(paid.reduce((s, x) => s + x, 0n)).toBe(total);
      // each contributor gets ceil(share × total), the beneficiary the rest
      lease.shares.forEach((s, i) => expect(paid[i]).toBe((s.bits * total + ONE - 1n) / ONE));
      expect(c.leases.accumulated(lease, b)).toBe(0n);
      accumulated = 0n;
      // state: the lease position falls by the total (net of its owner cut and emission), each recipient's
      // rises by its part, unless the recipient also acted on that position in the block
      const delta = (cold: string) =>
        c.stake(lease.hotkey, cold, lease.netuid, b) -
        c.stake(lease.hotkey, cold, lease.netuid, b - 1) -
        c.emissionAt(lease.hotkey, cold, lease.netuid, b);
      const near = (x: bigint, y: bigint) => expect(x - y <= 2n && y - x <= 2n, `${x} vs ${y} at ${b}`).toBe(true);
      near(delta(lease.coldkey), OWNER_CUT - total);
      const actors = new Set(c.blocks.get(b)!.xts.map((x) => x.signer));
      recipients.forEach((r, i) => {
        if (!actors.has(r)) near(delta(r), paid[i]!);
      });
    }
    expect(distributions).toBeGreaterThanOrEqual(10);
  });

  it('three events per recipient, in order, in the Initialization phase, decoded with the 424 metadata', async () => {
    const c = dn.chain;
    const blocks = [...c.blocks.keys()].filter((b) => distribution(c, lease, b).length);
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    for (const b of [blocks[0]!, blocks[blocks.length - 1]!]) {
      const at = await api.at(dn.hashOf(b));
      const recs = (await at.query['system']!['events']!()) as unknown as {
        phase: { isInitialization: boolean };
        event: { section: string; method: string; data: Codec[] & { toJSON(): unknown } };
      }[];
      const mine = recs.filter(
        (r) =>
          (r.event.method === 'StakeRemoved' && r.event.data[0]!.toString() === ss58(lease.coldkey)) ||
          (r.event.method === 'StakeAdded' && r.event.data[1]!.toString() === ss58(lease.hotkey)) ||
          r.event.method === 'SubnetLeaseDividendsDistributed',
      );
      const groups = distribution(c, lease, b);
      expect(mine.length).toBe(groups.length * 3);
      const start = recs.indexOf(mine[0]!);
      // consecutive, and all before the timestamp inherent
      expect(recs.slice(start, start + mine.length)).toEqual(mine);
      expect(mine.every((r) => r.phase.isInitialization)).toBe(true);
      // one spot price values every transfer: floor(p · α) = tao for a common U64F64 p
      let lo = 0n;
      let hi = 1n << 128n;
      groups.forEach((g, i) => {
        const [removed, added, dist] = mine.slice(i * 3, i * 3 + 3).map((r) => r.event);
        const to = g[1]!.args[0] as string;
        const alpha = g[0]!.args[3] as bigint;
        const tao = g[0]!.args[2] as bigint;
        expect(removed!.method).toBe('StakeRemoved');
        expect(removed!.data.map(String)).toEqual(
          [ss58(lease.coldkey), ss58(lease.hotkey), tao, alpha, lease.netuid, 0].map(String),
        );
        expect(added!.method).toBe('StakeAdded');
        expect(added!.data.map(String)).toEqual(
          [ss58(to), ss58(lease.hotkey), tao, alpha, lease.netuid, 0].map(String),
        );
        expect(dist!.section).toBe('subtensorModule');
        expect(dist!.method).toBe('SubnetLeaseDividendsDistributed');
        expect((dist!.data as unknown as { names: string[] }).names).toEqual(['leaseId', 'contributor', 'alpha']);
        expect(dist!.data.map(String)).toEqual(['0', ss58(to), String(alpha)]);
        expect(tao).toBeGreaterThanOrEqual(MIN_STAKE);
        const pLo = (tao * ONE + alpha - 1n) / alpha;
        const pHi = ((tao + 1n) * ONE + alpha - 1n) / alpha;
        if (pLo > lo) lo = pLo;
        if (pHi < hi) hi = pHi;
      });
      expect(lo < hi).toBe(true);
    }
  });

  it("the recipients' stake storage follows the transfer (StakingHotkeys, LastColdkeyHotkeyStakeBlock, AlphaV2)", async () => {
    const c = dn.chain;
    const b = [...c.blocks.keys()].find((x) => distribution(c, lease, x).length)!;
    const q = (await api.at(dn.hashOf(b))).query['subtensorModule']! as Record<
      string,
      (...a: unknown[]) => Promise<Codec>
    >;
    const before = (await api.at(dn.hashOf(b - 1))).query['subtensorModule']! as typeof q;
    for (const r of [...lease.shares.map((s) => s.contributor), lease.beneficiary]) {
      expect(((await q['stakingHotkeys']!(r)).toJSON() as string[]).includes(ss58(lease.hotkey))).toBe(true);
      expect((await q['lastColdkeyHotkeyStakeBlock']!(r, lease.hotkey)).toJSON()).toBe(b);
    }
    // the beneficiary held nothing on the lease hotkey before its first dividend
    const key = (q['alphaV2'] as unknown as { key(...a: unknown[]): string }).key(
      lease.hotkey,
      lease.beneficiary,
      lease.netuid,
    );
    expect(await raw.result('state_getStorage', [key, dn.hashOf(b - 1)])).toBeNull();
    expect(await raw.result('state_getStorage', [key, dn.hashOf(b)])).not.toBeNull();
    // the lease's own storage
    expect((await q['subnetUidToLeaseId']!(lease.netuid)).toJSON()).toBe(0);
    const served = (await q['subnetLeases']!(0)).toJSON() as Record<string, unknown>;
    expect(served).toMatchObject({
      beneficiary: ss58(lease.beneficiary),
      coldkey: ss58(lease.coldkey),
      hotkey: ss58(lease.hotkey),
      emissionsShare: LEASE_CFG.emissionsShare,
      endBlock: null,
      netuid: lease.netuid,
      cost: Number(LEASE_CFG.raisedTao * TAO),
    });
    for (const s of lease.shares) {
      const share = (await q['subnetLeaseShares']!(0, s.contributor)) as unknown as { bits: Codec };
      expect(BigInt(share.bits.toString())).toBe(s.bits);
    }
    // share = contribution / raised, in account-byte order
    const contributions = LEASE_CFG.contributors.map((x) => ({
      contributor: 'user' in x ? dn.world.users[x.user]!.coldkey : deriveAccount(`1:lease:${x.label}`),
      bits: (x.tao * ONE) / LEASE_CFG.raisedTao,
    }));
    expect(lease.shares).toEqual(contributions.sort((a, b) => a.contributor.localeCompare(b.contributor)));
    expect(BigInt((await before['accumulatedLeaseDividends']!(0)).toString())).toBe(c.leases.accumulated(lease, b - 1));
    expect((await q['accumulatedLeaseDividends']!(0)).toString()).toBe('0');
  });

  it("the truth's lease lines and leaseDividends are the decoded events", async () => {
    const t = dn.truth();
    const c = dn.chain;
    const lines = t.events.filter((e) => e.kind === 'SubnetLeaseDividendsDistributed');
    expect(lines.length).toBeGreaterThanOrEqual(20);
    const expected: NonNullable<typeof t.leaseDividends> = [];
    for (const b of [...new Set(lines.map((e) => e.block))]) {
      const recs = (await (
        await api.at(dn.hashOf(b))
      ).query['system']!['events']!()) as unknown as {
        phase: { isInitialization: boolean };
        event: { method: string; data: Codec[] };
      }[];
      recs.forEach((r, i) => {
        if (r.event.method !== 'SubnetLeaseDividendsDistributed') return;
        const to = r.event.data[1]!.toString();
        if (!dn.coldkeys.includes(to)) return;
        const added = recs[i - 1]!.event;
        expect(added.method).toBe('StakeAdded');
        const line = lines.find((e) => e.block === b && e.eventIndex === i)!;
        expect(line).toEqual({
          block: b,
          eventIndex: i,
          extrinsicIndex: null,
          kind: 'SubnetLeaseDividendsDistributed',
          coldkey: to,
          hotkey: null,
          netuid: null,
          tao: '0',
          alpha: r.event.data[2]!.toString(),
          fee: '0',
        });
        const [, hotkey, tao, alpha, netuid] = added.data.map(String);
        expected.push({
          block: b,
          eventIndex: i - 1,
          coldkey: to,
          hotkey: hotkey!,
          netuid: Number(netuid),
          alpha: alpha!,
          tao: tao!,
        });
        // the paired StakeAdded is a truth event like any other
        expect(t.events.some((e) => e.block === b && e.eventIndex === i - 1 && e.kind === 'StakeAdded')).toBe(true);
      });
    }
    expect(t.leaseDividends).toEqual(expected);
    // positions include the dividends: the beneficiary's α on the lease hotkey at the epoch after its first
    // dividend is that dividend plus the epoch's emission (it held nothing there before)
    const vera = ss58(lease.beneficiary);
    const first = expected.find((d) => d.coldkey === vera)!;
    const next = c.epochs.epochBlock(lease.netuid, c.epochs.epochsAt(lease.netuid, first.block) + 1);
    const same = (p: { coldkey: string; hotkey: string | null; block: number }) =>
      p.coldkey === vera && p.hotkey === first.hotkey && p.block === next;
    expect(
      t.events.some((e) => e.coldkey === vera && e.hotkey === first.hotkey && e.block > first.block && e.block <= next),
    ).toBe(false);
    const emitted = BigInt(t.emissions.find(same)?.alpha ?? '0');
    expect(emitted).toBeGreaterThan(0n);
    // (the share pool values a position by floor: its α may read 1 rao below what arrived)
    const held = BigInt(t.positions.find(same)?.alpha ?? '0');
    const want = BigInt(first.alpha) + emitted;
    expect(held === want || held === want - 1n, `${held} vs ${want}`).toBe(true);
  });

  // (last: it extends the chain)
  it('live blocks distribute too: the next interval epoch (21,600) pays everything accumulated since 19,800', () => {
    const c = dn.chain;
    const before = c.leases.accumulated(lease, c.head);
    const epochs = epochBlocks(c, lease.netuid, 21_600).filter((b) => b > c.head).length;
    dn.produceBlocks(21_600 - c.head);
    const groups = distribution(c, lease, 21_600);
    expect(groups.map((g) => g[1]!.args[0])).toEqual([...lease.shares.map((s) => s.contributor), lease.beneficiary]);
    expect(groups.reduce((s, g) => s + (g[0]!.args[3] as bigint), 0n)).toBe(before + BigInt(epochs) * CUT);
    expect(c.leases.accumulated(lease, 21_600)).toBe(0n);
    const live = dn.truth().leaseDividends!.filter((d) => d.block === 21_600);
    expect(live.map((d) => d.coldkey).sort()).toEqual([...dn.coldkeys].sort());
  });
});

describe('lease rollback (tao worth < DefaultMinStake)', () => {
  it('shares summing to 1 leave the beneficiary 0 α: every distribution is rolled back and the dividends keep accumulating', () => {
    const cfg: ScenarioConfig = {
      ...LEASE,
      blocks: 6_000,
      lease: {
        ...LEASE_CFG,
        contributors: [
          { user: 0, tao: 600n },
          { label: 'backer', tao: 400n },
        ],
      },
    };
    const c = build(cfg).chain;
    const lease = c.leases.all[0]!;
    let accumulated = 0n;
    let attempts = 0;
    for (const b of epochBlocks(c, lease.netuid, c.head)) {
      accumulated += CUT;
      if (b % LEASE_INTERVAL === 0) attempts++;
      expect(c.leases.accumulated(lease, b)).toBe(accumulated);
    }
    expect(attempts).toBeGreaterThanOrEqual(3);
    for (const rec of c.blocks.values())
      for (const e of rec.init) {
        expect(e.name).not.toBe('SubnetLeaseDividendsDistributed');
        if (e.name === 'StakeRemoved') expect(e.args[0]).not.toBe(lease.coldkey);
      }
    expect(c.truthEvents.some((e) => e.kind === 'SubnetLeaseDividendsDistributed')).toBe(false);
  });

  it('a contributor part worth less than the minimum stake rolls back the first attempt; a later one pays it all', () => {
    // the backer's part priced at 0.6 × the minimum stake at block 1,800 (the lease chain's first attempt)
    const base = dn0();
    const lease0 = base.leases.all[0]!;
    const g = distribution(base, lease0, 1_800)[0]!;
    const [tao, alpha] = [g[0]!.args[2] as bigint, g[0]!.args[3] as bigint];
    const total = distribution(base, lease0, 1_800).reduce((s, x) => s + (x[0]!.args[3] as bigint), 0n);
    const raised = 10_000_000n;
    // share s with s · total · tao/alpha ≈ 0.6 · MIN_STAKE
    const backer = (6n * MIN_STAKE * alpha * raised) / (10n * total * tao);
    expect(backer).toBeGreaterThan(0n);
    const cfg: ScenarioConfig = {
      ...LEASE,
      blocks: 12_000,
      lease: {
        ...LEASE_CFG,
        raisedTao: raised,
        contributors: [
          { user: 0, tao: (raised * 4n) / 10n },
          { label: 'backer', tao: backer },
        ],
      },
    };
    const c = build(cfg).chain;
    const lease = c.leases.all[0]!;
    expect(distribution(c, lease, 1_800)).toEqual([]);
    expect(c.leases.accumulated(lease, 1_800)).toBe(total);
    const paidAt = epochBlocks(c, lease.netuid, c.head).find((b) => distribution(c, lease, b).length)!;
    expect(paidAt).toBeGreaterThan(1_800);
    const epochs = epochBlocks(c, lease.netuid, paidAt).filter((b) => b > 1_800).length;
    const paid = distribution(c, lease, paidAt).reduce((s, x) => s + (x[0]!.args[3] as bigint), 0n);
    expect(paid).toBe(total + BigInt(epochs) * CUT);
    expect(c.leases.accumulated(lease, paidAt)).toBe(0n);
    for (const grp of distribution(c, lease, paidAt))
      expect(grp[0]!.args[2] as bigint).toBeGreaterThanOrEqual(MIN_STAKE);
  });
});

let base0: Chain | undefined;
/** The lease chain of seed 1 (built once for the rollback test's pricing). */
function dn0(): Chain {
  return (base0 ??= build(LEASE).chain);
}
