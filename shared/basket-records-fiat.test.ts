// A basket position's records in fiat (the Subnets page's Root & baskets drill-down, engine/basket-record-fiat)
// are historical records: each at TAO's price on its own day, shares given up at their lot-based fiat cost,
// the same figures Activity shows for the same record. Hand-worked (1 TAO = 1e9 rao; M = 1e6 rao; USD in 1e-8).
import { describe, expect, it } from 'vitest';
import { activityEntries, activityRowsInFiat, FundEntry, toActivityRow } from './activity';
import {
  basketRecordsInFiat,
  createEngine,
  FIAT_SCALE,
  FiatBook,
  type BasketSnapshot,
  type FiatPriceRow,
  type PortfolioInput,
} from './engine';
import { TAO, cp, ev, snap, tsOf } from './engine/testing/fixtures';

const M = 1_000_000n;
const USD = FIAT_SCALE;
const DAY = 7_200; // blocks per UTC day at 12 s; day 0 is 2025-10-01
const [B1, B2, B3, B4] = [DAY + 100, 2 * DAY + 100, 3 * DAY + 100, 4 * DAY + 100];
const bsnap = (block: number, shares: bigint, value: bigint): BasketSnapshot => ({
  blockNumber: block,
  timestamp: tsOf(block),
  coldkey: 'C1',
  rows: shares === 0n ? [] : [{ hotkey: 'V', shares, value }],
});
// Day 1: 9,000 M shares of V's fund bought for 10 τ. Day 2: dividends, the 900 M new shares worth 1 τ
// (income at accrual). Day 4: a claim pays 9.801 τ onto root and forfeits 0.099 τ of dust.
const input: Omit<PortfolioInput, 'fiatPrices'> = {
  trackedColdkeys: ['C1'],
  events: [
    ev('BasketStakedIn', {
      block: B1,
      hot: 'V',
      netuid: 0,
      tao: 10n * TAO,
      alpha: 9_000n * M,
      fee: 500n * M,
      spec: 475,
    }),
    ev('BasketClaimDustSkipped', { block: B4, idx: 5, hot: 'V', netuid: 0, tao: 99n * M, spec: 475 }),
    ev('BasketClaimed', { block: B4, idx: 6, hot: 'V', netuid: 0, tao: 9_801n * M, spec: 475 }),
    ev('RootClaimed', { block: B4, idx: 7, hot: null, netuid: null, tao: 9_801n * M, spec: 475 }),
  ],
  checkpoints: [cp(B4, 9_801n * M, { hot: 'V', netuid: 0 })],
  snapshots: [snap(1, 1, TAO)],
  baskets: [
    bsnap(B1, 9_000n * M, 9_500n * M),
    bsnap(B2, 9_900n * M, 11n * TAO),
    bsnap(B3, 9_900n * M, 9_900n * M),
    bsnap(B4, 0n, 0n),
  ],
};
// TAO in USD: day 1 $350, day 2 $380, day 3 $300, day 4 (the as-of day) $320.
const day = (d: number, usd: bigint): FiatPriceRow => ({ date: `2025-10-0${d + 1}`, price: usd * USD });
const PRICES = [day(1, 350n), day(2, 380n), day(3, 300n), day(4, 320n)];

/** The records as the Subnets page gets them (the analytics view's `basketRecords`), and as Activity's rows. */
function converted(prices: readonly FiatPriceRow[]) {
  const engine = createEngine({ ...input, fiatPrices: prices }, { method: 'acb', rewards: 'income' });
  const b = engine.baskets();
  const positions = b.positions.map((p) => ({ key: p.key, records: b.records.filter((r) => r.position === p.key) }));
  const subnets = basketRecordsInFiat(positions, new FiatBook(prices));
  const entries = activityEntries(engine.ledger(), b.records, engine.basketEvents());
  const rows = activityRowsInFiat(
    entries.map((e) => toActivityRow(e, () => null)),
    entries,
    new FiatBook(prices),
  );
  const activity = new Map(
    rows.flatMap((r, i) => {
      const e = entries[i];
      return e instanceof FundEntry ? [[e.record, r.fiat!.fund!] as const] : [];
    }),
  );
  return { positions, subnets, activity };
}

describe('Root & baskets records in fiat: each at its own day’s price, as Activity', () => {
  it('two records on days with different prices convert at their own, not the as-of day’s; shares given up lot-based', () => {
    const { positions, subnets } = converted(PRICES);
    const [p] = positions;
    expect(p!.records.map((r) => r.kind)).toEqual(['purchase', 'income', 'claim', 'dust']);
    const [purchase, income, claim, dust] = subnets[p!.key]!;
    // The purchase: 10 τ on day 1 at $350 = $3,500 (at the as-of day's $320 it would read $3,200).
    expect(purchase).toEqual({ tao: 3_500n * USD, basis: 0n, realized: 0n, income: 0n, lotBased: false });
    // The dividend: 1 τ on day 2 at $380.
    expect(income).toEqual({ tao: 380n * USD, basis: 0n, realized: 0n, income: 380n * USD, lotBased: false });
    // The claim on day 4: 9.801 τ × $320 = $3,136.32 for shares that cost $3,500 + $380 = $3,880; the dust
    // takes floor($3,880 × 0.099 / 9.9) = $38.80 of it: the claim gives up $3,841.20, realizing −$704.88.
    expect(claim).toEqual({
      tao: 313_632n * (USD / 100n),
      basis: 384_120n * (USD / 100n),
      realized: -70_488n * (USD / 100n),
      income: 0n,
      lotBased: true,
    });
    expect(dust).toMatchObject({ basis: 3_880n * (USD / 100n), realized: -3_880n * (USD / 100n), lotBased: true });
    // Not the τ basis and realized at the day's price: the shares' own USD cost.
    const book = new FiatBook(PRICES);
    const c = p!.records[2]!;
    expect(claim!.realized).not.toBe(book.value(c.realized, c.timestamp));
    expect(purchase!.tao).not.toBe(book.value(p!.records[0]!.tao, tsOf(B4)));
  });

  it('each record’s figures are the ones Activity shows for the same record (its fund row, fee aside)', () => {
    for (const prices of [PRICES, PRICES.filter((p) => p.date !== '2025-10-03')]) {
      const { positions, subnets, activity } = converted(prices);
      const records = positions.flatMap((p) => p.records.map((r, i) => [r, subnets[p.key]![i]!] as const));
      expect(records).toHaveLength(4);
      for (const [record, shown] of records) {
        const { fee: _fee, ...row } = activity.get(record)!;
        expect(shown, `${record.kind} at ${record.blockNumber}`).toEqual(row);
      }
    }
  });

  it('a record on a day without a price shows none (null), never another day’s; a lot-based one too', () => {
    const { positions, subnets } = converted(PRICES.filter((p) => p.date !== '2025-10-03'));
    const [purchase, income, claim] = subnets[positions[0]!.key]!;
    expect(purchase!.tao).toBe(3_500n * USD);
    expect([income!.tao, income!.income]).toEqual([null, null]);
    // Its shares' cost is unknown (the dividend's day has no price): the claim's basis and realized too.
    expect([claim!.tao, claim!.basis, claim!.realized]).toEqual([313_632n * (USD / 100n), null, null]);
  });
});
