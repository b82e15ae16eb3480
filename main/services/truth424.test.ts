// Devnet truth across 393 → 424 end to end, through sync and the engine (devnet upgrade424, seeds 1–3;
// and seeds 1, 6, 18, 48, 59, 65, 69, 119 and 149 of basket475, 393 → 424 → 455 → 475, for today's runtimes; 18 has a
// stake transfer in that only a pair read shows, 48 one only the block before a change block holds, 6 and 149 one
// onto a subnet held nothing else on, 65 one only a dissolution search shows, 59 one that only StakeInfo before
// the 475 upgrade shows, 69 a trade in a reconcile's block):
// the emission α the engine derives for every position and checkpoint interval equals the α the chain
// credited at the epochs inside it (the truth's `emissions`), and every silent position change the
// truth lists (batched limit-order fills, hotkey and coldkey swaps, dissolution payouts, share reconciles) is recorded and
// explained, so nothing is left unexplained beyond the share pool's rounding (docs/chain/reconciliation.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet, Truth } from '../../devnet/index';
import { createEngine, positionKey, type PortfolioInput } from '../../shared/engine';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const tempDir = useTempDirs();

/**
 * The truth's kinds for position changes no stake event of the coldkey carries; ShareReconcile is the 464
 * reconcile's revaluation (sync records it: basket475 seeds 134 and 137 have ±1 α ones at 12,000).
 */
const SILENT_TRUTH_KINDS = new Set(['BatchedFill', 'HotkeySwap', 'ColdkeySwap', 'DissolutionPayout', 'ShareReconcile']);

/** α-rao a stake operation may shift a position by: the share pool's floor rounding, no event reports it. */
const ROUNDING = 2n;
/** α-rao by which an interval's emission may differ from the truth's (see the test). */
const ROUNDING_PER_INTERVAL = 1n;

/**
 * Operations of coldkeys other than `coldkey` on the pool (hotkey, netuid) in blocks (from, to]: each
 * re-rounds every holder's floored value (docs/chain/reconciliation.md), which no event reports. A
 * batched limit-order extrinsic is the relayer's; the orders it fills are their signers' operations
 * on their own pools (upgrade424 seeds 69 and 84: a sell of another coldkey's order re-rounded it). A
 * claim or purchase of the hotkey's fund counts whoever signs it: it sells or buys the fund escrow's
 * holding on the pool (basket475 seeds 51 and 84, a claim_root naming no hotkey or subnet; seed 109,
 * a stake_into_basket naming no subnet), and another coldkey's root claim that keeps α there.
 */
function othersOnPool(dn: Devnet, coldkey: string, hotkey: string, netuid: number, from: number, to: number): number {
  const [c, h] = [fromSs58(coldkey), fromSs58(hotkey)];
  let n = 0;
  for (let b = from + 1; b <= to; b++)
    for (const x of dn.world.chain.blocks.get(b)?.xts ?? []) {
      if (x.action.kind === 'limit_orders') {
        if (x.action.netuid === netuid) n += x.action.orders.filter((o) => o.signer !== c && o.hotkey === h).length;
        continue;
      }
      const a = x.action as unknown as Record<string, unknown>;
      const hot = [a.hotkey, a.originHotkey, a.destHotkey].includes(h);
      const net = a.kind === 'unstake_all' || [a.netuid, a.originNetuid, a.destNetuid].includes(netuid);
      const fundClaim = x.events.some((e) => e.name === 'BasketClaimed' && e.args[0] === h);
      const fundPurchase = a.kind === 'stake_into_basket' && a.hotkey === h;
      if ((a.coldkey !== c && hot && net) || fundClaim || fundPurchase) n++;
    }
  // Another coldkey's root claim of type Keep stakes its α on the pool in block initialisation, with no
  // extrinsic (upgrade424 seed 239: a claim at 9,000 on the position's hotkey and subnet).
  const keeps = dn
    .truth()
    .events.filter(
      (e) => e.kind === 'RootClaimKeep' && e.coldkey !== coldkey && e.hotkey === hotkey && e.netuid === netuid,
    );
  return n + keeps.filter((e) => e.block > from && e.block <= to).length;
}

/** |recorded| = the truth's α, up to rounding: the receiving side of a swap gets the pool's floor of it. */
const abs = (v: bigint) => (v < 0n ? -v : v);
const near = (recorded: bigint, truth: bigint) => {
  const gap = abs(recorded) - abs(truth);
  return gap >= -ROUNDING && gap <= ROUNDING;
};

describe.each([
  ['upgrade424', 1],
  ['upgrade424', 2],
  ['upgrade424', 3],
  // 5 of 327 intervals one α-rao off (1.5 %), each with other stakers' operations on its pool
  ['upgrade424', 12],
  // a hotkey swap with several holders on one pool (8,500): the devnet once doubled one holder's α
  ['upgrade424', 101],
  // a coldkey swap (9,500) whose new coldkey stakes onto a moved position later in the block
  ['upgrade424', 104],
  // Keep claims (6,500–10,500) on a subnet dissolved at 10,500: no event names that α's position and
  // the head does not list it (change-finder learns it from the claim's watermarks)
  ['upgrade424', 219],
  // an interval one α-rao off whose only other operation on the pool is another coldkey's Keep claim (9,000)
  ['upgrade424', 239],
  // a batched limit-order buy (10,330) onto a hotkey the coldkey held nothing on, on a subnet dissolved at
  // 10,500: no event names the position; the walk reaches the fill along that hotkey's chain (fill-pairs.ts)
  ['upgrade424', 1365],
  ['basket475', 1],
  ['basket475', 18],
  // a stake transfer in (9,128) onto a subnet dissolved at 15,000: the 475 upgrade's storage read dropped it
  ['basket475', 59],
  // a remove in the 475 upgrade block, on a pool the upgrade's share reconcile also revalued
  ['basket475', 69],
  // a stake transfer in (13,575) onto a known hotkey on a subnet learnt only after that block was first read
  ['basket475', 119],
  // a stake transfer in (14,480) onto a known pair that only the block before the dissolution's (15,000) holds
  ['basket475', 48],
  // stake transfers in (13,067; 13,260) onto a known hotkey on a subnet the coldkey holds nothing else on,
  // dissolved at 15,000: only the pair reads on every subnet show them
  ['basket475', 6],
  ['basket475', 149],
  // a stake transfer in (14,940) onto a subnet dissolved at 15,000, between two change blocks that read it empty
  ['basket475', 65],
  // a stake transfer in (12,487) onto the highest subnet, dissolved at 15,000 (absent at the head), before the
  // coldkey swapped away at 14,000: only the subnets listed at the range's lower end cover it
  ['basket475', 303],
  // a stake transfer in (14,918) onto a subnet dissolved at 15,000, after the coldkey's last change block
  // (14,902): the dissolution search runs up to the range's end too
  ['basket475', 458],
  // a batched limit buy (8,613) onto a position the coldkey emptied by a remove earlier in the block
  ['basket475', 601],
  // a hotkey swap (13,000) that leaves 1 α-rao of share-pool rounding on the old hotkey
  ['basket475', 1057],
  // a Swap claim (1,994, before 411) then a swap_stake out of root in the same block
  ['upgrade424', 1080],
  // a hotkey swap (8,500) moving a subnet-1 position the walk learnt only below that block (3,142), then a
  // coldkey swap away (9,500): the position on the new hotkey was never watched (swap-pairs.ts)
  ['upgrade424', 4101],
  // a batched fill in the head block (12,000), after the finalized head sync stops at (11,998)
  ['upgrade424', 2053],
  // one batch (14,500) with three orders of olga on one subnet: a buy and a sale of one position, a buy
  // onto another hotkey (matched one by one, the first buy went to the other hotkey: seed 1)
  ['orders475', 1],
  ['orders475', 4],
  // a batched buy (14,500) onto a hotkey olga never held a position with, on the subnet dissolved at 15,000
  ['orders475fresh', 3],
  ['orders475fresh', 7],
] as const)('devnet truth through sync and the engine, %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  let truth: Truth;
  let input: PortfolioInput;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
    const backend = testBackend(tempDir());
    try {
      for (const [i, address] of dn.coldkeys.entries())
        await backend.dispatch('wallets:add', { address, label: `user ${i}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      await backend.sync.syncOnce();
      truth = dn.truth();
      input = loadPortfolioInput(backend.db, await backend.call('wallets:list'), 'USD');
    } finally {
      backend.close();
    }
  }, 300_000);
  afterAll(async () => {
    await dn.close();
  });

  it('emission α per interval equals the truth’s emissions; nothing else is unexplained', () => {
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    // The truth's emissions per position, in block order.
    const credited = new Map<string, { block: number; alpha: bigint }[]>();
    for (const e of truth.emissions) {
      const k = positionKey(e.coldkey, e.hotkey, e.netuid);
      credited.set(k, [...(credited.get(k) ?? []), { block: e.block, alpha: BigInt(e.alpha) }]);
    }
    // Emission and unexplained α per position and checkpoint interval.
    const intervals = new Map<string, { k: string; from: number; to: number; emitted: bigint; unexplained: bigint }>();
    for (const r of engine.state.emissions) {
      const k = positionKey(r.coldkey, r.hotkey, r.netuid);
      const id = `${k}|${r.fromBlock}|${r.toBlock}`;
      const i = intervals.get(id) ?? { k, from: r.fromBlock, to: r.toBlock, emitted: 0n, unexplained: 0n };
      if (r.kind === 'emission') i.emitted += r.alpha;
      else i.unexplained += r.alpha;
      intervals.set(id, i);
    }
    let withEmission = 0;
    let exact = 0;
    const off: string[] = [];
    for (const i of intervals.values()) {
      const paid = (credited.get(i.k) ?? [])
        .filter((e) => e.block > i.from && e.block <= i.to)
        .reduce((s, e) => s + e.alpha, 0n);
      // Equal, or one α-rao apart: between two checkpoints the position's value also moves with other
      // stakers' operations on its pool (each re-rounds the value per share), which the truth does not
      // count as emission and the chain does not report (docs/chain/reconciliation.md). Where no epoch
      // ran (the subnet's epoch counter did not move) nothing at all is emission.
      const gap = i.emitted - paid;
      // The α-rao have that cause: another staker operated on the pool in the interval (one α-rao each at
      // most: basket475 seed 95, +2 with two), or the position held 0 α at its start (a share worth under a
      // rao, which an epoch can lift to 1: the engine books no emission where no α was held,
      // docs/chain/reconciliation.md; upgrade424 seed 24).
      const [c, h, n] = i.k.split('|') as [string, string, string];
      const [hx, cx] = [fromSs58(h), fromSs58(c)];
      const dust = dn.world.chain.stake(hx, cx, Number(n), i.from) === 0n;
      const others = gap === 0n ? 0 : othersOnPool(dn, c, h, Number(n), i.from, i.to);
      const bound = BigInt(Math.max(others, 1)) * ROUNDING_PER_INTERVAL;
      if (gap < -bound || gap > bound || (paid === 0n && i.emitted !== 0n))
        off.push(`${i.k} (${i.from}, ${i.to}]: ${i.emitted} vs ${paid}`);
      if (gap !== 0n && !dust && others === 0)
        off.push(`${i.k} (${i.from}, ${i.to}]: ${gap} with no other staker on the pool`);
      if (paid > 0n) withEmission++;
      if (gap === 0n) exact++;
    }
    expect(off).toEqual([]);
    expect(intervals.size).toBeGreaterThan(100);
    expect(withEmission).toBeGreaterThan(50);
    // Most are exact (the share of off-by-one intervals follows the market: 1.5 % on upgrade424 seed 12).
    expect(exact / intervals.size).toBeGreaterThan(0.98);

    // Total emission income in α: the truth's, one α-rao per interval with an epoch at most.
    const truthTotal = truth.emissions.reduce((s, e) => s + BigInt(e.alpha), 0n);
    const emitted = engine.result().total.figures.alphaEmitted;
    const total = emitted - truthTotal;
    expect(total >= -BigInt(withEmission) && total <= BigInt(withEmission)).toBe(true);
    console.log(
      `${scenario} seed ${seed}: ${intervals.size} intervals, ${withEmission} with epochs, ${exact} exact; total emission ${emitted} vs truth ${truthTotal}`,
    );

    // No injection in this history: every unexplained record is rounding-sized.
    const unexplained = engine.state.emissions.filter((r) => r.kind === 'unexplained');
    expect(unexplained.filter((r) => r.alpha < -ROUNDING || r.alpha > ROUNDING)).toEqual([]);
  });

  it('every silent effect of the truth is recorded with its α and block', () => {
    // Up to the finalized head, where sync stops (upgrade424 seed 2053: a batched fill in the head block 12,000).
    const silent = truth.events.filter(
      (e) => SILENT_TRUTH_KINDS.has(e.kind) && BigInt(e.alpha) !== 0n && e.block <= truth.finalized,
    );
    expect(silent.length).toBeGreaterThan(0);
    const recorded = input.effects ?? [];
    const missing = silent.filter(
      (e) =>
        !recorded.some(
          (r) =>
            r.blockNumber === e.block &&
            r.netuid === e.netuid &&
            (r.hotkey === e.hotkey || r.hotkey === e.destHotkey) &&
            (r.coldkey === e.coldkey || r.coldkey === e.destColdkey) &&
            near(r.alpha, BigInt(e.alpha)),
        ),
    );
    expect(missing).toEqual([]);
    // And every recorded one is in the truth: nothing invented.
    const invented = recorded.filter(
      (r) => !silent.some((e) => e.block === r.blockNumber && e.netuid === r.netuid && near(r.alpha, BigInt(e.alpha))),
    );
    expect(invented).toEqual([]);
  });
});
