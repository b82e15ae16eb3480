// End to end over the basket era (devnet basket475 seeds 1–3, 14 and 20: 393 → 424 → 455 → 475): devnet → sync →
// SQLite → engine. Per coldkey and validator fund, the engine's basket position at the head holds the
// chain's owed shares and claim value exactly, its purchases and claims are the chain's, no share change
// is unexplained (hotkey and coldkey swaps carry, with the position's history: per position realized +
// unrealized + income = total return), and every fund-income record equals what the devnet
// credited (BasketMigration + BasketDividend) up to a residual predicted from the devnet's own deposits
// (./basket-income-truth.ts: ln(1 + r) against r per deposit, the 441 grant at its claim value, a
// rebase's rounding share) within the floors. A root staker from before 441 gets root income equal to
// the devnet's up to the same residual (the pre-441 part exactly), and root shows no emission after 441
// and no unexplained change at a claim (`basket-claim`). docs/chain/baskets.md#fund-income.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../shared/engine';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';
import { explainIncome, unexplained, type IncomeCheck } from './basket-income-truth';
import { namesPosition } from '../../devnet/truth-positions';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const { fromSs58 } = await import('../../devnet/chain/accounts');
const tempDir = useTempDirs();
const BASKET_ERA = 8_000;

const sum = (xs: readonly bigint[]): bigint => xs.reduce((a, b) => a + b, 0n);

// Seed 4316: a coldkey with neither root stake nor a basket event of its own gets fund shares by a coldkey swap
// (bought at 13,800, swapped at 14,000); without reads of its funds its value stayed at the old coldkey's last read.
describe.each([1, 2, 3, 14, 20, 4316])('basket positions vs the devnet, basket475 seed %i', (seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('shares, value, purchases and claims equal the chain; fund income = what it credited up to the predicted residual; root claims explained', async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
    const truth = dn.truth();
    const input = loadPortfolioInput(backend.db, await backend.call('wallets:list'), 'USD');
    const engine = createEngine(input, { method: 'acb', rewards: 'income' });
    const baskets = engine.baskets();
    const pos = (c: string, h: string) => baskets.positions.find((p) => p.coldkey === c && p.hotkey === h)?.figures;
    const ev = (kind: string, c: string, h?: string) =>
      truth.events.filter((e) => e.kind === kind && e.coldkey === c && (h === undefined || e.hotkey === h));

    const chain = dn.world.chain;
    const lines: string[] = [];
    const credits = truth.events
      .filter(namesPosition)
      .filter((e) => (e.kind === 'BasketDividend' || e.kind === 'BasketMigration') && e.block <= truth.finalized);
    const checks: IncomeCheck[] = [];
    const reads = (c: string) =>
      new Set((input.baskets ?? []).filter((s) => s.coldkey === c).map((s) => s.blockNumber));
    let incomeTotal = 0n;
    let creditedTotal = 0n;
    let dustLoss = 0n;
    let carried = 0;
    for (const coldkey of dn.coldkeys) {
      // The synced head (the finalized block): every fund the truth ever saw the coldkey in, read from the
      // devnet's own fund book there (truth.baskets samples the best head, a few blocks later).
      const head = new Set((truth.baskets ?? []).filter((r) => r.coldkey === coldkey).map((r) => r.hotkey));
      for (const hotkey of head) {
        const f = pos(coldkey, hotkey);
        const [h, c] = [fromSs58(hotkey), fromSs58(coldkey)];
        expect([hotkey, f?.shares ?? 0n, f?.value ?? 0n]).toEqual([
          hotkey,
          chain.basket.owed(h, c, truth.finalized),
          chain.basket.payout(h, c, truth.finalized),
        ]);
      }
      const hotkeys = new Set([
        ...head,
        ...baskets.positions.filter((p) => p.coldkey === coldkey).map((p) => p.hotkey),
      ]);
      for (const hotkey of hotkeys) {
        const f = pos(coldkey, hotkey);
        // Records where they happened equal the chain's events there; a position's figures are its records',
        // including those a swap carried into it (a swap is a rename: the history goes with the position).
        const at = (kind: string) =>
          baskets.records.filter((r) => r.kind === kind && r.coldkey === coldkey && r.hotkey === hotkey);
        const into = (kinds: string[]) =>
          baskets.records.filter((r) => kinds.includes(r.kind) && r.position === `${coldkey}|${hotkey}`);
        expect(sum(at('purchase').map((r) => r.tao))).toBe(
          sum(ev('BasketStakedIn', coldkey, hotkey).map((e) => BigInt(e.tao))),
        );
        expect(at('claim').map((r) => r.tao)).toEqual(ev('BasketClaimed', coldkey, hotkey).map((e) => BigInt(e.tao)));
        // A dust forfeit is the chain's estimate, and its share of the basis is a realized loss.
        const dust = ev('BasketClaimDustSkipped', coldkey, hotkey);
        expect(sum(at('dust').map((r) => r.tao))).toBe(sum(dust.map((e) => BigInt(e.tao))));
        expect(f?.taoIn ?? 0n).toBe(sum(into(['purchase', 'transfer-in']).map((r) => r.tao)));
        expect(f?.taoOut ?? 0n).toBe(sum(into(['claim', 'transfer-out']).map((r) => r.tao)));
        expect(f?.claims ?? 0).toBe(into(['claim']).length);
        expect(f?.forfeitedEstimate ?? 0n).toBe(sum(into(['dust']).map((r) => r.tao)));
        expect(f?.income ?? 0n).toBe(sum(into(['income']).map((r) => r.income)));
        // The forfeit takes its share by TAO of the basis the claim gave up: floor(basis × dust / (paid + dust)),
        // 0 for a forfeit too small to carry a rao of it (a 1-rao forfeit on a 2,000,000-rao basis: seed 6).
        for (const d of into(['dust'])) {
          const paid = into(['claim']).find((r) => r.source === d.source && r.blockNumber === d.blockNumber)!;
          expect(d.basis).toBe(((paid.basis + d.basis) * d.tao) / (paid.tao + d.tao));
        }
        // Per position, across carries too: total return = value + TAO out − TAO in = r + u + income.
        if (f) {
          expect(f.totalReturn).toBe(f.value + f.taoOut - f.taoIn);
          expect(f.realized + f.unrealized + f.income).toBe(f.totalReturn);
        }
        carried += into(['purchase', 'income', 'claim']).filter(
          (r) => r.coldkey !== coldkey || r.hotkey !== hotkey,
        ).length;
        dustLoss += f?.dustLoss ?? 0n;
        const credited = sum(
          credits.filter((e) => e.coldkey === coldkey && e.hotkey === hotkey).map((e) => BigInt(e.tao ?? '0')),
        );
        // Every share change is explained: purchases, dividends, claims, hotkey and coldkey swaps.
        expect(f?.unexplainedShares ?? 0n).toBe(0n);
        const mine = explainIncome(
          dn,
          baskets.records,
          credits,
          coldkey,
          hotkey,
          reads(coldkey),
          truth.events.filter(namesPosition),
        );
        // Every credit the synced head covers falls in an income record's interval.
        expect(sum(mine.map((x) => x.truth))).toBe(credited);
        checks.push(...mine);
        incomeTotal += f?.income ?? 0n;
        creditedTotal += credited;
      }
    }
    // Every income record is the truth's credit up to the predicted residual, within the floors.
    const off = checks.filter((x) => unexplained(x) < x.slack[0] || unexplained(x) > x.slack[1]);
    expect(off).toEqual([]);
    expect(incomeTotal).toBe(sum(checks.map((x) => x.engine)));
    // basket475 swaps hotkeys and coldkeys holding funds, so the carry is exercised.
    expect(carried).toBeGreaterThan(0);
    lines.push(`records a swap carried into another position: ${carried}`);
    const dustRecords = baskets.records.filter((r) => r.kind === 'dust');
    expect(sum(dustRecords.map((r) => r.realized))).toBe(-dustLoss);
    lines.push(`dust forfeits ${dustRecords.length}: realized loss ${dustLoss}`);
    const predicted = checks.reduce((a, x) => a + x.predicted, 0);
    const by = (why: IncomeCheck['why']) =>
      checks.filter((x) => x.why === why).reduce((a, x) => a + Number(x.engine - x.truth), 0);
    lines.push(
      `fund income ${incomeTotal} credited ${creditedTotal}: ${incomeTotal - creditedTotal} rao, predicted ${predicted.toFixed(1)} ` +
        `(deposits ${by('deposits')}, 441 grant ${by('migration')}, rebase shares ${by('rebase')})`,
    );
    // A staker who root-stakes from before 441 until 475 (Swap claims before it): root income = the pre-441
    // root-claim payouts in the ledger (exactly the devnet's) + fund dividends incl. the 441 grant.
    let rootOnly = 0;
    for (const coldkey of dn.coldkeys) {
      const mine = (kinds: string[]) => truth.events.filter((e) => e.coldkey === coldkey && kinds.includes(e.kind));
      const swaps = mine(['RootClaimSwap']).filter((e) => e.block < BASKET_ERA);
      const fund = mine(['BasketMigration', 'BasketDividend']);
      if (swaps.length === 0 || fund.length === 0 || mine(['RootClaimKeep']).length > 0) continue;
      if (!(truth.baskets ?? []).some((r) => r.coldkey === coldkey && r.rootStake !== '0')) continue;
      const held = [...engine.state.positions.values()].filter((p) => p.coldkey === coldkey);
      expect(sum(held.map((p) => p.rootClaimTao))).toBe(sum(swaps.map((e) => BigInt(e.tao))));
      // Its fund income where it was earned (a coldkey swap may have carried the position to another wallet).
      const earned = baskets.records.filter((r) => r.kind === 'income' && r.coldkey === coldkey);
      const basket = sum(earned.map((r) => r.income));
      const engineRoot = sum(held.map((p) => p.rootClaimTao)) + basket;
      const credited = sum([...swaps, ...fund].map((e) => BigInt(e.tao)));
      // Its fund income is every record of its funds, each explained above: the difference is their sum.
      const explained = checks.filter((x) => x.coldkey === coldkey);
      expect(basket).toBe(sum(explained.map((x) => x.engine)));
      expect(credited - sum(swaps.map((e) => BigInt(e.tao)))).toBe(sum(explained.map((x) => x.truth)));
      const residual = explained.reduce((a, x) => a + x.predicted, 0);
      const [lo, hi] = explained.reduce(([a, b], x) => [a + x.slack[0], b + x.slack[1]], [0, 0]);
      const diff = Number(engineRoot - credited);
      expect(diff - residual).toBeGreaterThanOrEqual(lo);
      expect(diff - residual).toBeLessThanOrEqual(hi);
      lines.push(
        `root staker ${coldkey.slice(0, 6)}: root income ${engineRoot}, credited ${credited}: ${diff} rao, predicted ${residual.toFixed(1)}`,
      );
      rootOnly++;
    }
    expect(rootOnly).toBeGreaterThan(0);
    // Root after 441 earns nothing itself (dividends go to the funds) and a claim's root growth is explained
    // (basket-claim), so no root emission after 441 and no unexplained root change in a claim's interval.
    // (Remaining unexplained root changes come with limit-order fills, not modelled yet.)
    const rootAfter = engine.state.emissions.filter((r) => r.netuid === 0 && r.toBlock > BASKET_ERA);
    expect(rootAfter.filter((r) => r.kind === 'emission')).toEqual([]);
    const claimBlocks = truth.events.filter((e) => e.kind === 'BasketClaimed');
    for (const r of rootAfter)
      expect(
        claimBlocks.filter((e) => e.coldkey === r.coldkey && e.block > r.fromBlock && e.block <= r.toBlock),
      ).toEqual([]);
    lines.push(`unexplained root records after 441 (limit orders): ${rootAfter.length}`);
    console.log(`seed ${seed}\n${lines.join('\n')}`);
    await backend.sync.close();
    backend.close();
  });
});
