// Reconciliation end to end (docs/chain/reconciliation.md): the devnet silently credits α shares to a tracked coldkey's
// held position (no event, recorded only in the truth's `injected`) on runtime 393 (V1 share pools), on
// 424 (V2), on root at both, and on root in the basket era (475, next to the coldkey's root claims);
// after sync, each credit is listed as unexplained with its interval, in the portfolio view and the
// report, and none of it is income: the position's emission stays the epochs' (the hotkey pool's growth
// per share; none on root from 334), docs/chain/reconciliation.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { PortfolioView } from '../../shared/views';
import { RECONCILE_TOLERANCE } from '../../shared/engine';
import type { Backend } from '../backend';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

type Credit = { at: number; user: number; alpha: bigint; root?: boolean };

/**
 * upgrade424 seed 1, first user (root claim type Keep, so claims never touch root): two subnet credits,
 * on spec 393 (the upgrade to 424 is at 6,000) and on 424, each a few blocks after the epochs of the
 * user's subnets (3,603–3,607 and 11,170–11,174 with this seed), inside a checkpoint interval of that
 * position (3,500–3,749 and 11,000–11,499): the same interval holds emission and the credit, and only
 * the credit may be unexplained. Two root credits, one per runtime.
 */
const CREDITS_424: Credit[] = [
  { at: 3_610, user: 0, alpha: 3_000_000_000n },
  { at: 3_620, user: 0, alpha: 700_000_000n, root: true },
  { at: 11_180, user: 0, alpha: 5_000_000_000n },
  { at: 11_190, user: 0, alpha: 900_000_000n, root: true },
];

/**
 * basket475 seed 1, rosa (user 1: root stake only, Swap claims before 441, basket claims at 11,000,
 * 13,500 and 15,800): a root credit on 475 a hundred blocks before the 13,500 claim, and one on 455.
 */
const CREDITS_475: Credit[] = [
  { at: 10_900, user: 1, alpha: 400_000_000n, root: true },
  { at: 13_400, user: 1, alpha: 600_000_000n, root: true },
];

function reconciles(scenario: 'upgrade424' | 'basket475', credits: Credit[], users: number[]): void {
  describe(`reconciliation: α credited silently to held positions (${scenario} seed 1)`, () => {
    let dn: Devnet;
    let backend: Backend;
    let view: PortfolioView;
    let requests: number;
    beforeAll(async () => {
      ensureDevnetMetadata();
      const { startDevnet, SCENARIOS } = await import('../../devnet/index');
      const base = SCENARIOS[scenario]!;
      dn = await startDevnet({ scenario: { ...base, script: { ...base.script, inject: credits } }, seed: 1, port: 0 });
      backend = testBackend(tempDir());
      for (const u of users) await backend.dispatch('wallets:add', { address: dn.coldkeys[u]!, label: `user ${u}` });
      await backend.dispatch('settings:update', { endpoint: dn.url });
      dn.resetRequestCounts();
      await backend.sync.syncOnce();
      requests = Object.values(dn.requestCounts()).reduce((a, b) => a + b, 0);
      view = await backend.call('portfolio:get', undefined);
    }, 300_000);
    afterAll(async () => {
      backend.close();
      await dn.close();
    });

    it('lists each credit as unexplained in the interval that holds its block, and books none of it as income', () => {
      const truth = dn.truth();
      const injected = truth.injected;
      expect(injected.map((i) => [i.block, i.alpha, i.netuid === 0])).toEqual(
        credits.map((c) => [c.at, c.alpha.toString(), c.root === true]),
      );
      const dust = (a: bigint) => a >= -RECONCILE_TOLERANCE && a <= RECONCILE_TOLERANCE;
      // Exactly the credits, nothing else beyond rounding.
      const big = view.unexplained.filter((u) => !dust(u.alpha));
      expect(big).toHaveLength(credits.length);
      for (const inj of injected) {
        const same = (x: { coldkey: string; hotkey: string; netuid: number }) =>
          x.coldkey === inj.coldkey && x.hotkey === inj.hotkey && x.netuid === inj.netuid;
        const u = big.find((r) => same(r) && (r.fromBlock ?? -1) < inj.block && r.block >= inj.block);
        expect(u, `credit at ${inj.block}`).toBeDefined();
        // The credit itself, up to the share pool's rounding: the epochs of the interval are not in it.
        const off = u!.alpha - BigInt(inj.alpha);
        expect(off >= -RECONCILE_TOLERANCE && off <= RECONCILE_TOLERANCE).toBe(true);
        // What the epochs paid in that interval (none on root from 334: root dividends are claims).
        const paid = truth.emissions
          .filter((e) => same(e) && e.block > (u!.fromBlock ?? -1) && e.block <= u!.block)
          .reduce((s, e) => s + BigInt(e.alpha), 0n);
        if (inj.netuid === 0) expect(paid).toBe(0n);
        else expect(paid).toBeGreaterThan(0n);
        const position = view.positions.find(same)!;
        // Over the whole history, income is what the epochs paid (share-pool rounding aside); the credit
        // is counted as unexplained α gained, not emitted.
        const truthEmitted = truth.emissions.filter(same).reduce((s, e) => s + BigInt(e.alpha), 0n);
        const gap = position.figures.alphaEmitted - truthEmitted;
        expect(gap > -1_000n && gap < 1_000n).toBe(true);
        expect(position.figures.alphaUnexplainedIn).toBeGreaterThanOrEqual(BigInt(inj.alpha) - RECONCILE_TOLERANCE);
      }
    });

    it('the PnL report carries the credits with their blocks, as the view lists them', async () => {
      const report = JSON.parse((await backend.call('reports:export', { format: 'pnl-json' })).content) as {
        unexplained: { block: number; fromBlock: number | null; alpha: string; hotkey: string; netuid: number }[];
      };
      const listed = report.unexplained.filter((r) => BigInt(r.alpha) > RECONCILE_TOLERANCE);
      expect(listed.map((r) => [r.fromBlock, r.block, r.hotkey, r.netuid, r.alpha])).toEqual(
        view.unexplained
          .filter((u) => u.alpha > RECONCILE_TOLERANCE)
          .map((u) => [u.fromBlock, u.block, u.hotkey, u.netuid, u.alpha.toString()]),
      );
      // Each record holds the block of one credit of its kind (root or subnet).
      const within = (r: { fromBlock: number | null; block: number; netuid: number }) =>
        credits.filter((c) => (c.root === true) === (r.netuid === 0) && (r.fromBlock ?? -1) < c.at && r.block >= c.at);
      expect(listed.map((r) => within(r).length)).toEqual(credits.map(() => 1));
      console.log(`reconciliation devnet ${scenario}: sync of users ${users.join(', ')} made ${requests} requests`);
    });

    if (scenario === 'upgrade424')
      it('stores a zero row, with the pool value, where a change block emptied a position', async () => {
        const { fromSs58 } = await import('../../devnet/chain/accounts');
        const chain = dn.world.chain;
        const cold = dn.coldkeys[users[0]!]!;
        const zero = backend.db
          .prepare(
            'SELECT block_number AS b, hotkey, netuid, pool_value AS v FROM position_checkpoints WHERE coldkey = ? AND alpha = 0',
          )
          .all(cold) as { b: bigint; hotkey: string; netuid: bigint; v: string | null }[];
        expect(zero.length).toBeGreaterThan(2);
        for (const z of zero) {
          const stake = (block: number) => chain.stake(fromSs58(z.hotkey), fromSs58(cold), Number(z.netuid), block);
          expect([Number(z.b), stake(Number(z.b) - 1) > 0n, stake(Number(z.b))]).toEqual([Number(z.b), true, 0n]);
        }
        // Read in the same block as the other positions: most pools still hold others' stake.
        expect(zero.filter((z) => z.v !== null).length).toBeGreaterThan(0);
      });
  });
}

reconciles('upgrade424', CREDITS_424, [0]);
reconciles('basket475', CREDITS_475, [1]);
