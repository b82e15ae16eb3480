// Activity over the basket era (devnet basket475 seed 1: 393 → 424 → 455 → 475), devnet → sync → SQLite →
// Activity: every basket record the engine books is a row with the engine's amounts (a claim completing
// its `basket-claim` entry), the purchases are exactly the chain's BasketStakedIn of the watched
// coldkeys, the filters keep them, the fund-income setting is followed, and the export is the events CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../shared/activity';
import { parseCsv } from '../../shared/csv';
import type { ArgsOf } from '../../shared/api';
import type { Devnet } from '../../devnet/index';
import { createEngine, taoToFiat, type BasketRecord } from '../../shared/engine';
import { ACTIVITY_KIND_OF_FUND_RECORD } from '../../shared/vocab';
import type { Backend } from '../backend';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe('activity on devnet scenario basket475 (fund purchases, dividends, claims, dust)', () => {
  let dn: Devnet;
  let backend: Backend;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed: 1, port: 0 });
    backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.call('wallets:add', { address, label: `user ${i}` });
    await backend.call('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
  }, 600_000);
  afterAll(async () => {
    backend.close();
    await dn.close();
  });

  const allRows = async (
    filter?: Omit<NonNullable<ArgsOf<'activity:list'>>, 'offset' | 'limit'>,
  ): Promise<ActivityRow[]> => {
    const rows: ActivityRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await backend.call('activity:list', { ...(filter ?? {}), offset, limit: 1000 });
      rows.push(...page.rows);
      if (rows.length >= page.matched) return rows;
    }
  };
  const records = async (): Promise<readonly BasketRecord[]> => {
    const settings = await backend.call('settings:get', undefined);
    const input = loadPortfolioInput(backend.db, await backend.call('wallets:list', undefined), 'USD');
    return createEngine(input, {
      method: 'acb',
      rewards: settings.rewardTreatment,
      basketIncome: settings.basketIncome,
    }).baskets().records;
  };
  /** A record as a row shows it, and a row's record part. */
  const ofRecord = (r: BasketRecord) => [
    ACTIVITY_KIND_OF_FUND_RECORD[r.kind],
    r.blockNumber,
    r.coldkey,
    r.hotkey,
    r.shares,
    r.tao,
  ];
  const ofRow = (r: ActivityRow) => [
    r.kind,
    r.blockNumber,
    r.fund!.coldkey,
    r.fund!.hotkey,
    r.fund!.shares,
    r.fund!.tao,
  ];

  it('lists every basket record once, with the engine’s amounts; purchases are the chain’s BasketStakedIn', async () => {
    const booked = await records();
    const kinds = new Set(booked.map((r) => r.kind));
    for (const kind of ['purchase', 'income', 'claim'] as const) expect(kinds).toContain(kind);
    const rows = await allRows({ sort: { key: 'time', dir: 'asc' } });
    const fundRows = rows.filter((r) => r.fund !== null);
    // In the engine's order within a block may differ (records read from snapshots come last): compare as sets.
    const key = (x: unknown[]) => x.map(String).join('|');
    expect(fundRows.map((r) => key(ofRow(r))).sort()).toEqual(booked.map((r) => key(ofRecord(r))).sort());
    // Newest first by default, blocks never going up.
    const newest = await allRows();
    expect(newest.map((r) => r.seq)).toEqual(rows.map((r) => r.seq).reverse());
    // The purchases: one row per BasketStakedIn of a watched coldkey, its TAO, shares and fee (tao − value).
    const truth = dn.truth();
    const staked = truth.events.filter((e) => e.kind === 'BasketStakedIn' && e.block <= truth.finalized);
    expect(staked.length).toBeGreaterThan(0);
    // A record with no chain event of its own (dividends read from the chain state) has its block's
    // runtime, a number, as sync read that block (the detail showed "Runtime —").
    const silent = fundRows.filter((r) => r.sources.length === 0);
    expect(silent.length).toBeGreaterThan(0);
    const specAt = (block: number) => truth.specVersions.filter((s) => s.from <= block).at(-1)?.spec;
    expect(silent.map((r) => [r.seq, r.specVersion])).toEqual(silent.map((r) => [r.seq, specAt(r.blockNumber)]));
    const purchases = fundRows.filter((r) => r.kind === 'fund-purchase');
    expect(
      purchases.map((r) => [
        r.blockNumber,
        r.sources[0]?.eventIndex,
        r.fund!.coldkey,
        r.fund!.hotkey,
        r.fund!.tao,
        r.fund!.shares,
        r.fund!.fee,
      ]),
    ).toEqual(
      staked.map((e) => [e.block, e.eventIndex, e.coldkey, e.hotkey, BigInt(e.tao), BigInt(e.alpha), BigInt(e.fee)]),
    );
    for (const p of purchases) {
      expect(p.legs).toEqual([]);
      expect(p.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(p.sources.map((s) => s.kind)).toEqual(['BasketStakedIn']);
    }
    // A claim is one row: the root stake it acquires (the ledger's leg) and the shares it gave up.
    const claims = fundRows.filter((r) => r.fund!.record === 'claim');
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims.filter((x) => x.fund!.tao > 0n)) {
      expect(c.kind).toBe('basket-claim');
      expect(c.legs.map((l) => [l.netuid, l.hotkey, l.alpha])).toEqual([[0, c.fund!.hotkey, c.fund!.tao]]);
      expect(c.fund!.shares).toBeLessThan(0n);
    }
    expect(rows.filter((r) => r.kind === 'basket-claim' && r.fund === null)).toEqual([]);
  });

  it('filters fund rows by kind, wallet, root and search; exports them as the events CSV does', async () => {
    const bought = await allRows({ filter: { kinds: ['fund-purchase'] } });
    expect(bought.length).toBeGreaterThan(0);
    expect(bought.every((r) => r.kind === 'fund-purchase')).toBe(true);
    const root = await allRows({ filter: { netuids: [0] } });
    expect(root.filter((r) => r.fund !== null)).toHaveLength((await allRows()).filter((r) => r.fund !== null).length);
    const sn = (await backend.call('activity:list', { limit: 1 })).facets.netuids.find((n) => n > 0)!;
    expect((await allRows({ filter: { netuids: [sn] } })).some((r) => r.fund !== null)).toBe(false);
    const first = bought[0]!;
    const wallets = await backend.call('wallets:list', undefined);
    const owner = wallets.find((w) => w.address === first.fund!.coldkey)!;
    const mine = await allRows({ filter: { walletIds: [owner.id], kinds: ['fund-purchase'] } });
    expect(mine.map((r) => r.fund!.coldkey)).toEqual(mine.map(() => owner.address));
    expect(mine.map((r) => r.seq)).toContain(first.seq);
    const byHotkey = await allRows({ filter: { search: first.fund!.hotkey.slice(0, 12), kinds: ['fund-purchase'] } });
    expect(byHotkey.map((r) => r.seq)).toContain(first.seq);
    const byBlock = await allRows({ filter: { search: String(first.blockNumber) } });
    expect(byBlock.map((r) => r.seq)).toContain(first.seq);
    // Unfiltered, in ledger order, the export is the report's events CSV, fund lines included.
    const activity = await backend.call('activity:export', { sort: { key: 'time', dir: 'asc' } });
    const report = await backend.call('reports:export', { format: 'events-csv' });
    expect(activity.content).toBe(report.content);
    expect(activity.content).toContain(',fund-purchase,');
  });

  it('in fiat, a basket record’s TAO, fee and income at its day’s price; shares given up at their own USD cost', async () => {
    const fundRows = (await allRows()).filter((r) => r.fund !== null);
    const days = [...new Set(fundRows.map((r) => new Date(r.timestamp).toISOString().slice(0, 10)))].sort();
    const price = (day: string) => 250_00000000n + BigInt(days.indexOf(day)) * 3_00000000n; // 1e-8 USD per τ
    const csv = `date,price\n${days.map((d) => `${d},${Number(price(d)) / 1e8}`).join('\n')}\n`;
    await backend.call('fiat:import', { currency: 'USD', csv });
    const fiat = (await backend.call('activity:list', { currency: 'fiat', limit: 1000 })).rows.filter((r) => r.fund);
    expect(fiat.map((r) => r.seq)).toEqual(fundRows.slice(0, fiat.length).map((r) => r.seq));
    expect(fiat.some((r) => r.fund!.fee > 0n)).toBe(true);
    // The engine's own records (the portfolio's, on the same prices) for the shares given up.
    const view = await backend.call('portfolio:get', undefined);
    const engineRecords = view.baskets.positions.flatMap((b) => b.records);
    let lotRealized = 0n;
    let differs = 0;
    for (const r of fiat) {
      const p = price(new Date(r.timestamp).toISOString().slice(0, 10));
      const at = (rao: bigint) =>
        (rao * p) / 1_000_000_000n - (rao < 0n && (rao * p) % 1_000_000_000n !== 0n ? 1n : 0n);
      const { basis, realized, lotBased, ...rest } = r.fiat!.fund!;
      expect(rest).toEqual({ tao: at(r.fund!.tao), fee: at(r.fund!.fee), income: at(r.fund!.income) });
      expect(lotBased).toBe(r.fund!.shares < 0n);
      if (!lotBased) expect([basis, realized]).toEqual([at(r.fund!.basis), at(r.fund!.realized)]);
      else {
        const same = engineRecords.filter(
          (x) =>
            x.blockNumber === r.blockNumber &&
            x.kind === r.fund!.record &&
            x.hotkey === r.fund!.hotkey &&
            x.shares === r.fund!.shares,
        );
        expect(same.map((x) => x.fiat)).toEqual([{ basis, realized }]);
        expect(basis).not.toBeNull();
        lotRealized += realized!;
        if (realized !== at(r.fund!.realized)) differs++;
      }
    }
    // They add up to the fund positions' lot-based realized on the portfolio (a carried position's too).
    expect(lotRealized).toBe(view.baskets.positions.reduce((sum, b) => sum + (b.fiat?.realized ?? 0n), 0n));
    // The shares' own cost is not their τ basis at the day's price (else this would not tell them apart).
    expect(differs).toBeGreaterThan(0);
    // Records that book a basis, a realized gain or loss, and income are among them.
    for (const k of ['basis', 'realized', 'income'] as const) expect(fiat.some((r) => r.fund![k] !== 0n)).toBe(true);
    // The Subnets page's Root & baskets records in fiat (the analytics view's) are these rows' figures, record
    // by record: each at its own day's price (not the as-of day's), shares given up lot-based.
    const cockpit = await backend.call('portfolio:analytics', { currency: 'fiat' });
    const asOf = cockpit.fiat!.priceAsOf!;
    let compared = 0;
    let notAsOf = 0;
    for (const b of view.baskets.positions) {
      const shown = cockpit.basketRecords![b.key]!;
      expect(shown).toHaveLength(b.records.length);
      for (const [i, x] of b.records.entries()) {
        const row = fiat.filter(
          (r) =>
            r.blockNumber === x.blockNumber &&
            r.fund!.record === x.kind &&
            r.fund!.coldkey === x.coldkey &&
            r.fund!.hotkey === x.hotkey &&
            r.fund!.shares === x.shares,
        );
        if (row.length === 0 && fiat.length < fundRows.length) continue; // beyond the page (none when it holds them all)
        expect(row).toHaveLength(1);
        const { fee: _fee, ...inActivity } = row[0]!.fiat!.fund!;
        expect(shown[i], `${x.kind} at ${x.blockNumber}`).toEqual(inActivity);
        compared++;
        if (x.tao !== 0n && shown[i]!.tao !== taoToFiat(x.tao, asOf)) notAsOf++;
      }
    }
    expect(compared).toBeGreaterThan(0);
    expect(notAsOf).toBeGreaterThan(0);
  });

  it('in the PnL CSV, fund shares have lot-based fiat columns and the rows add up to the total', async () => {
    // A price for every day from the first row to the as-of day (1e-8 USD per τ), so no fiat figure is unknown.
    const view = await backend.call('portfolio:get', undefined);
    const DAY = 86_400_000;
    const first = Math.min(...(await allRows()).map((r) => r.timestamp));
    const days: string[] = [];
    for (let t = Math.floor(first / DAY) * DAY; t <= view.asOfTimestamp; t += DAY)
      days.push(new Date(t).toISOString().slice(0, 10));
    const csv = `date,price\n${days.map((d, i) => `${d},${250 + 7 * i}.25`).join('\n')}\n`;
    await backend.call('fiat:import', { currency: 'USD', csv });
    const lines = parseCsv((await backend.call('reports:export', { format: 'pnl-csv' })).content, [',']).rows;
    const cells = lines.map((l) => l.cells).filter((c) => !c[0]!.startsWith('#'));
    const header = cells[0]!;
    const col = (name: string) => header.indexOf(name);
    // An empty (unknown) cell is null, never 0.
    const units = (c: string[], name: string) => {
      const v = c[col(name)]!;
      return v === '' ? null : BigInt(v.replace('.', ''));
    };
    const of = (level: string) => cells.filter((c) => c[0] === level);
    const { total, subnets, baskets } = await backend.call('portfolio:get', undefined);
    const fiat = baskets.positions.map((b) => b.fiat!);
    const basketRows = of('basket');
    expect(basketRows.map((c) => units(c, 'cost_basis_usd'))).toEqual(fiat.map((f) => f.costBasis));
    expect(basketRows.map((c) => units(c, 'realized_pnl_usd'))).toEqual(fiat.map((f) => f.realized));
    expect(basketRows.map((c) => units(c, 'emission_income_usd'))).toEqual(fiat.map((f) => f.income));
    expect(fiat.some((f) => f.realized !== 0n)).toBe(true);
    // The fiat cost is additive: the subnet rows and the basket rows make the total row (no cell empty).
    const cost = [...of('subnet'), ...basketRows].reduce((sum, c) => sum + units(c, 'cost_basis_usd')!, 0n);
    expect(cost).toBe(units(of('total')[0]!, 'cost_basis_usd'));
    // So are realized and income: the subnets' and the funds' make the total's.
    for (const k of ['realizedFiat', 'incomeFiat'] as const) {
      const fund = fiat.reduce((sum, f) => sum + (k === 'realizedFiat' ? f.realized : f.income), 0n);
      expect(subnets.reduce((sum, x) => sum + x.figures[k], fund)).toBe(total.figures[k]);
    }
  });

  it('follows the fund-income timing: at claim, dividends come with the claims', async () => {
    const accrual = (await allRows({ filter: { kinds: ['fund-income'] } })).length;
    await backend.call('settings:update', { basketIncome: 'claim' });
    try {
      const rows = await allRows({ filter: { kinds: ['fund-income'] } });
      const booked = (await records()).filter((r) => r.kind === 'income');
      expect(rows.map((r) => r.fund!.tao).sort()).toEqual(booked.map((r) => r.tao).sort());
      expect(rows.length).not.toBe(accrual);
      const activity = await backend.call('activity:export', { sort: { key: 'time', dir: 'asc' } });
      expect(activity.content).toBe((await backend.call('reports:export', { format: 'events-csv' })).content);
    } finally {
      await backend.call('settings:update', { basketIncome: 'accrual' });
    }
  });
});
