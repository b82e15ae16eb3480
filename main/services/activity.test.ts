// Activity over a synced devnet scenario: its rows are the engine's ledger (amounts compared as
// numbers), newest first, every source event in one row only, root claims with their α; filters,
// search and paging; the export follows the filter (an empty wallet exports no entry).
// Some tests write (an identity, an event, prices): each test reads and writes its own copy of the
// synced database, so none sees another's writes, whatever the order they run in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { ActivityPageView } from '../../shared/activity';
import type { ApiResponse, ArgsOf, Wallet } from '../../shared/api';
import { createEngine } from '../../shared/engine';
import type { ExportFile } from '../../shared/views';
import type { Backend } from '../backend';
import { DATABASE_FILE } from '../db/open';
import { identitiesRepo } from '../db/repos/identities';
import { ledgerFactsRepo } from '../db/repos/ledger-facts';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';
import { factsWriter } from '../test/facts';
import { loadPortfolioInput } from './portfolio-model';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const EMPTY_WALLET = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';

async function call<T>(backend: Backend, channel: string, args?: unknown): Promise<T> {
  const response = (await backend.dispatch(channel, args)) as ApiResponse<T>;
  if ('error' in response) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.data;
}
const list = (b: Backend, args: ArgsOf<'activity:list'>) => call<ActivityPageView>(b, 'activity:list', args);
const csvRows = (csv: string) => csv.trim().split('\r\n').slice(1);

describe('activity on devnet scenario tiny', () => {
  let dn: Devnet;
  let syncedDir: string;
  let synced: Backend; // synced once; no test writes to it
  let backend: Backend; // the test's own copy of it
  let wallets: Wallet[];
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'tiny', seed: 1, port: 0 });
    syncedDir = mkdtempSync(join(tmpdir(), 'taofolio-test-'));
    synced = testBackend(syncedDir);
    for (const [i, address] of dn.coldkeys.entries())
      await call(synced, 'wallets:add', { address, label: `user ${i}` });
    await call(synced, 'wallets:add', { address: EMPTY_WALLET, label: 'empty' });
    await call(synced, 'settings:update', { endpoint: dn.url });
    await synced.sync.syncOnce();
    wallets = await call<Wallet[]>(synced, 'wallets:list');
  });
  beforeEach(() => {
    const dir = tempDir();
    synced.db.prepare('VACUUM INTO ?').run(join(dir, DATABASE_FILE));
    backend = testBackend(dir);
  });
  afterEach(() => backend.close());
  afterAll(async () => {
    synced.close();
    await dn.close();
    rmSync(syncedDir, { recursive: true, force: true });
  });

  it('lists the engine ledger, newest first, with the amounts the engine books', async () => {
    const input = loadPortfolioInput(backend.db, wallets, 'USD');
    const ledger = createEngine(input, { method: 'acb', rewards: 'income' }).ledger();
    const page = await list(backend, { limit: 1000 });
    expect(page.total).toBe(ledger.length);
    expect(page.matched).toBe(ledger.length);
    expect(page.rows.length).toBe(Math.min(1000, ledger.length));
    expect(page.rows.map((r) => r.seq)).toEqual(
      [...ledger]
        .reverse()
        .map((e) => e.seq)
        .slice(0, 1000),
    );
    for (const row of page.rows) {
      const entry = ledger[row.seq]!;
      expect({ kind: row.kind, block: row.blockNumber, legs: row.legs }).toEqual({
        kind: entry.kind,
        block: entry.blockNumber,
        legs: entry.legs.map((l) => ({ ...l })),
      });
      expect(row.blockHash).toMatch(/^0x[0-9a-f]{64}$/);
    }
    // A move or swap is one row: no stored event is the source of two rows (a RootClaimed event is
    // the source of one payout per subnet it claimed from, each its own entry).
    const refs = page.rows.flatMap((r) =>
      r.sources.map((s) => (r.claimedNetuid !== null ? `${s.ref}/${r.claimedNetuid}` : s.ref)),
    );
    expect(new Set(refs).size).toBe(refs.length);
    const pairs = page.rows.filter((r) => r.legs.length === 2);
    expect(pairs.length).toBeGreaterThan(0);
    // Root claims show the α the engine credits, never 0.
    const claims = page.rows.filter((r) => r.kind === 'root-claim-keep');
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) expect(c.legs[0]!.alpha).toBeGreaterThan(0n);
    expect(page.facets.kinds).toContain('root-claim-keep');
  });

  it("names each subnet's token symbol, the labels the portfolio's subnets carry (root's α is τ: none)", async () => {
    const page = await list(backend, { limit: 1 });
    const expected = Object.fromEntries(
      ledgerFactsRepo(backend.db)
        .subnetLabels()
        .filter((s) => s.netuid !== 0 && s.symbol !== null && page.facets.netuids.includes(s.netuid))
        .map((s) => [s.netuid, s.symbol]),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(page.symbols).toEqual(expected);
  });

  it('pages, filters and searches; the export follows the same filter and order', async () => {
    const all = await list(backend, { limit: 1000 });
    const second = await list(backend, { offset: 5, limit: 5 });
    expect(second.rows.map((r) => r.seq)).toEqual(all.rows.slice(5, 10).map((r) => r.seq));

    const [first] = wallets.filter((w) => w.label === 'user 0');
    const mine = await list(backend, { filter: { walletIds: [first!.id] }, limit: 1000 });
    expect(mine.matched).toBeGreaterThan(0);
    expect(mine.matched).toBeLessThan(all.total);
    for (const r of mine.rows) expect(r.legs.some((l) => l.coldkey === first!.address)).toBe(true);

    const netuid = all.facets.netuids.find((n) => n !== 0)!;
    const sells = await list(backend, { filter: { netuids: [netuid], kinds: ['sell'] }, limit: 1000 });
    expect(sells.rows.every((r) => r.kind === 'sell' && r.legs.some((l) => l.netuid === netuid))).toBe(true);
    expect(sells.matched).toBe(
      all.rows.filter((r) => r.kind === 'sell' && r.legs.some((l) => l.netuid === netuid)).length,
    );

    const target = all.rows[3]!;
    const byBlock = await list(backend, { filter: { search: String(target.blockNumber) } });
    expect(byBlock.rows.map((r) => r.seq)).toContain(target.seq);
    expect(byBlock.rows.every((r) => r.blockNumber === target.blockNumber)).toBe(true);
    const hotkey = target.legs[0]!.hotkey;
    const byHotkey = await list(backend, { filter: { search: hotkey.slice(2, 12) }, limit: 1000 });
    expect(byHotkey.rows.every((r) => r.legs.some((l) => l.hotkey === hotkey) || r.sources.length > 0)).toBe(true);
    expect(byHotkey.rows.map((r) => r.seq)).toContain(target.seq);
    // A validator's cached on-chain name finds its rows too (migration 6's cache, as sync writes it).
    identitiesRepo(backend.db).save([{ hotkey, owner: null, name: 'Kappa Staking Co', block: target.blockNumber }]);
    const byName = await list(backend, { filter: { search: 'kappa staking' }, limit: 1000 });
    expect(byName.rows.map((r) => r.seq)).toEqual(byHotkey.rows.map((r) => r.seq));

    const day = 86_400_000;
    const from = Math.floor(target.timestamp / day) * day;
    const inDay = await list(backend, { filter: { from, to: from + day }, limit: 1000 });
    expect(inDay.rows.every((r) => r.timestamp >= from && r.timestamp < from + day)).toBe(true);
    expect(inDay.rows.map((r) => r.seq)).toContain(target.seq);

    const file = await call<ExportFile>(backend, 'activity:export', { filter: { walletIds: [first!.id] } });
    const legs = mine.rows.reduce((n, r) => n + r.legs.length, 0);
    expect(csvRows(file.content).length).toBe(legs);
    // Each exported entry (column 4) has a leg of the wallet; a transfer between two watched wallets
    // exports both its legs.
    const entries = new Map<string, string[]>();
    for (const line of csvRows(file.content))
      entries.set(line.split(',')[3]!, [...(entries.get(line.split(',')[3]!) ?? []), line]);
    expect(entries.size).toBe(mine.matched);
    for (const lines of entries.values()) expect(lines.some((l) => l.includes(first!.address))).toBe(true);
  });

  it('an empty wallet shows and exports no entry; unknown wallets are refused', async () => {
    const empty = wallets.find((w) => w.label === 'empty')!;
    const page = await list(backend, { filter: { walletIds: [empty.id] } });
    expect(page.matched).toBe(0);
    expect(page.rows).toEqual([]);
    const file = await call<ExportFile>(backend, 'activity:export', { filter: { walletIds: [empty.id] } });
    expect(csvRows(file.content)).toEqual([]);
    const response = await backend.dispatch('activity:list', { filter: { walletIds: [9999] } });
    expect(response).toMatchObject({ error: { code: 'not-found', field: 'walletIds' } });
    const reversed = await backend.dispatch('activity:list', { filter: { from: 10, to: 5 } });
    expect(response).toMatchObject({ error: { code: 'not-found' } });
    expect(reversed).toMatchObject({ error: { code: 'invalid-args', field: 'filter.to' } });
  });

  it('follows new facts: a recorded event shows at once; a batch with no new event keeps the list', async () => {
    const before = await list(backend, { limit: 1 });
    backend.bus.emit('data:changed', { tables: ['position_checkpoints', 'sync_state'] });
    expect((await list(backend, { limit: 1 })).total).toBe(before.total);
    const empty = wallets.find((w) => w.label === 'empty')!;
    factsWriter(backend.db).event({
      block: 3_999_999,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: EMPTY_WALLET,
      hotkey: EMPTY_WALLET,
      netuid: 1,
      tao: 1_000_000_000n,
      alpha: 500_000_000n,
      fee: 0n,
      feeUnit: 'tao',
    });
    backend.bus.emit('data:changed', { tables: ['stake_events'] });
    const after = await list(backend, { filter: { walletIds: [empty.id] } });
    expect(after.total).toBe(before.total + 1);
    expect(after.rows.map((r) => [r.kind, r.blockNumber, r.legs[0]!.alpha])).toEqual([
      ['buy', 3_999_999, 500_000_000n],
    ]);
  });

  it('unfiltered, in ledger order, the export is the events CSV of the report', async () => {
    const activity = await call<ExportFile>(backend, 'activity:export', { sort: { key: 'time', dir: 'asc' } });
    const report = await call<ExportFile>(backend, 'reports:export', { format: 'events-csv' });
    expect(activity.content).toBe(report.content);
  });
  it('in fiat, each leg’s TAO amount, TAO fee and value at spot at its day’s imported price; days without one are null', async () => {
    await expect(list(backend, { currency: 'fiat', limit: 5 })).rejects.toThrow(/No TAO\/USD prices are imported/);
    const tau = await list(backend, { limit: 1000 });
    const days = [...new Set(tau.rows.map((r) => new Date(r.timestamp).toISOString().slice(0, 10)))].sort();
    const priced = days.filter((_, i) => i % 2 === 0); // every other day has a price
    const price = (day: string) => 300_00000000n + BigInt(priced.indexOf(day)) * 1_25000000n; // 1e-8 USD per τ
    const csv = `date,price\n${priced.map((d) => `${d},${Number(price(d)) / 1e8}`).join('\n')}\n`;
    await call(backend, 'fiat:import', { currency: 'USD', csv });
    const fiat = await list(backend, { currency: 'fiat', limit: 1000 });
    expect(fiat.fiatCurrency).toBe('USD');
    expect(fiat.rows.map((r) => r.seq)).toEqual(tau.rows.map((r) => r.seq));
    let nulls = 0;
    for (const r of fiat.rows) {
      const day = new Date(r.timestamp).toISOString().slice(0, 10);
      const p = priced.includes(day) ? price(day) : null;
      const at = (rao: bigint) =>
        p === null ? null : (rao * p) / 1_000_000_000n - (rao * p < 0n && (rao * p) % 1_000_000_000n !== 0n ? 1n : 0n);
      expect(r.fiat!.tao).toEqual(r.legs.map((l) => at(l.tao)));
      expect(r.fiat!.fee).toEqual(r.legs.map((l) => (l.fee === null || l.feeUnit !== 'tao' ? null : at(l.fee))));
      expect(r.fiat!.spot).toEqual(r.legs.map((l) => (l.spotTao === null ? null : at(l.spotTao))));
      if (p === null) nulls++;
    }
    expect(nulls).toBeGreaterThan(0);
    expect(nulls).toBeLessThan(fiat.rows.length);
  });
});
