// The cockpit (`portfolio:analytics`) and subnet pages (`portfolio:subnet`) after a full sync of a devnet
// history, under every cost-basis method and reward treatment, in τ: each chart line ends on its card
// (value, cost basis, realized, income, net invested, every available benchmark), the table figures
// are portfolio:get's, both breakdowns add up to total return, the friction split adds up to friction
// (total, subnet, position), income per day / week / month and the whole-history range add up to the
// totals, and a subnet's page shows its portfolio:get row. Validator funds are in the totals but in no
// subnet (shared/engine/basket-totals.ts), so per-subnet sums plus the funds' part make the total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { costBasisMethods, rewardTreatments } from '../../shared/vocab';
import { MONEY_FIGURES, type Amount } from '../../shared/views';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

/** Sum of amounts; null (never expected in τ) if any is null. */
const sum = (xs: Amount[]): Amount => xs.reduce<Amount>((a, x) => (a === null || x === null ? null : a + x), 0n);
const splitSum = (f: { fees: Amount; slippage: Amount; burned: Amount }) => sum([f.fees, f.slippage, f.burned]);

describe.each([
  ['basket475', 1],
  ['demo', 1],
  // Lease dividends: income that is neither emission nor a root claim (docs/chain/events.md#lease-dividends).
  ['lease', 1],
] as const)('analytics of devnet %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('end on their cards and add up', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const problems: string[] = [];
    let mode = '';
    const same = (what: string, a: unknown, b: unknown) => {
      if (a !== b) problems.push(`${mode}: ${what}: ${String(a)} ≠ ${String(b)}`);
    };
    let benchmarksChecked = 0;
    for (const rewards of rewardTreatments)
      for (const method of costBasisMethods) {
        mode = `${method}/${rewards}`;
        const g = await backend.call('portfolio:get', { method, rewards });
        const a = await backend.call('portfolio:analytics', { method, rewards });
        const t = g.total.figures;
        const funds = g.baskets.total;
        for (const k of MONEY_FIGURES) same(`figures.${k}`, a.figures[k], t[k]);
        same('returns.totalReturn', a.returns.totalReturn, t.totalReturn);
        same('returns.netInvested', a.returns.netInvested, t.taoIn - t.taoOut);

        const last = a.series.at(-1);
        same('series ends at the as-of block', last?.blockNumber, a.asOfBlock);
        same('series value', last?.value, t.spotValue);
        same('series costBasis', last?.costBasis, t.costBasis);
        same('series netInvested', last?.netInvested, t.taoIn - t.taoOut);
        same('series realizedCum', last?.realizedCum, t.realized);
        same('series incomeCum', last?.incomeCum, t.incomeTao);
        for (const b of a.benchmarks) {
          if (!b.available) continue;
          benchmarksChecked++;
          same(`series benchmark ${b.id}`, last?.benchmarks[b.id], b.benchmarkValue);
          same(`benchmark ${b.id} vs portfolio:get`, b.benchmarkValue, g.total.benchmarks?.[b.id].benchmarkValue);
        }

        for (const br of [a.addsUp.accounting, a.addsUp.economic]) {
          same(`${br.id} terms`, sum(br.terms.map((l) => l.amount)), br.total);
          same(`${br.id} total`, br.total, t.totalReturn);
          // The whole portfolio's accounting lines need no balancing line (returns.ts).
          same(`${br.id} other`, br.terms.find((l) => l.id === 'other')?.amount, undefined);
        }
        same('friction split', splitSum(a.friction), t.friction);
        for (const s of a.subnets) same(`subnet ${s.netuid} friction split`, splitSum(s.friction), s.figures.friction);
        for (const p of a.positions) same(`position ${p.key} friction split`, splitSum(p.friction), p.figures.friction);

        same('range realized', a.range.realized, t.realized);
        same('range income', a.range.income, t.incomeTao);
        same('range subnets realized', sum([...a.range.bySubnet.map((s) => s.realized), funds.realized]), t.realized);
        same('range subnets income', sum([...a.range.bySubnet.map((s) => s.income), funds.income]), t.incomeTao);
        for (const [bucket, rows] of Object.entries(a.income)) {
          same(`income by ${bucket}`, sum(rows.map((r) => r.total)), t.incomeTao);
          same(
            `income by ${bucket} and subnet`,
            sum([...rows.flatMap((r) => Object.values(r.bySubnet)), funds.income]),
            t.incomeTao,
          );
        }

        for (const row of g.subnets) {
          const s = a.subnets.find((x) => x.netuid === row.netuid);
          const d = await backend.call('portfolio:subnet', { method, rewards, netuid: row.netuid });
          const r = a.range.bySubnet.find((x) => x.netuid === row.netuid);
          same(`range subnet ${row.netuid} realized`, r?.realized ?? 0n, row.figures.realized);
          same(`range subnet ${row.netuid} income`, r?.income ?? 0n, row.figures.incomeTao);
          for (const k of MONEY_FIGURES) {
            same(`subnet ${row.netuid} ${k}`, s?.figures[k], row.figures[k]);
            same(`subnet page ${row.netuid} ${k}`, d.figures?.figures[k], row.figures[k]);
          }
          const end = d.series.at(-1);
          same(`subnet page ${row.netuid} series value`, end?.value, row.figures.spotValue);
          same(`subnet page ${row.netuid} series costBasis`, end?.costBasis, row.figures.costBasis);
          same(
            `subnet page ${row.netuid} series netInvested`,
            end?.netInvested,
            row.figures.taoIn - row.figures.taoOut,
          );
          same(`subnet page ${row.netuid} series realizedCum`, end?.realizedCum, row.figures.realized);
          same(`subnet page ${row.netuid} series incomeCum`, end?.incomeCum, row.figures.incomeTao);
          for (const b of d.figures?.benchmarks ?? [])
            if (b.available) same(`subnet page ${row.netuid} series ${b.id}`, end?.benchmarks[b.id], b.benchmarkValue);
          for (const [bucket, rows] of Object.entries(d.income))
            same(
              `subnet page ${row.netuid} income by ${bucket}`,
              sum(rows.map((x) => x.amount)),
              row.figures.incomeTao,
            );
          // Selling all is the subnet's exit value when one wallet sells; with several, one sale of all their α,
          // which returns no more than their own sales' quotes added up (the exit value, given beside it).
          const sellAll = d.exit.find((e) => e.percent === 100);
          const sellers = new Set(
            g.positions.filter((p) => p.netuid === row.netuid && p.holding.available > 0n).map((p) => p.coldkey),
          ).size;
          if (row.holding && sellAll && sellers <= 1) {
            same(`subnet page ${row.netuid} sell all`, sellAll.exitValue, row.holding.exitValue);
            same(`subnet page ${row.netuid} one seller`, d.exitEachWallet, null);
          } else if (row.holding && sellAll) {
            same(`subnet page ${row.netuid} each wallet's sale`, d.exitEachWallet?.exitValue, row.holding.exitValue);
            same(`subnet page ${row.netuid} sellers`, d.exitEachWallet?.wallets, sellers);
            if (sellAll.exitValue === null || sellAll.exitValue > row.holding.exitValue)
              problems.push(`subnet page ${row.netuid} sell all ${sellAll.exitValue} > ${row.holding.exitValue}`);
          }
        }
      }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(benchmarksChecked).toBeGreaterThan(0);
    await backend.sync.close();
    backend.close();
  }, 120_000);
});
