import { describe, expect, it } from 'vitest';
import {
  buildReport,
  coinTrackerCsv,
  computePortfolio,
  eventsCsv,
  FiatBook,
  koinlyCsv,
  taxRows,
  type PortfolioInput,
} from './index';
import { normalizeEvents } from './normalize';
import { A, TAO, cp, ev, snap } from './testing/fixtures';

// block 100 = 2025-10-01 00:20:00 UTC (T0 + 100 × 12 s); block 7300 = 2025-10-02 00:20:00
const input: PortfolioInput = {
  trackedColdkeys: ['C1'],
  events: [
    ev('StakeAdded', { block: 100, netuid: 7, tao: 10n * TAO, alpha: 5n * A, fee: 5_035_477n }),
    ev('StakeRemoved', { block: 7300, netuid: 7, tao: 4n * TAO, alpha: 2n * A, fee: 1_007_095n }),
  ],
  checkpoints: [cp(7300, 3_100_000_000n, { netuid: 7 })],
  snapshots: [snap(99, 7, 2n * TAO), snap(7300, 7, 2n * TAO)],
};

describe('exports', () => {
  const r = computePortfolio(input, { method: 'acb', rewards: 'income' });
  const emissions = r.emissions;
  it('the engine derived 0.1 α of emissions worth 0.2 TAO (3.1 − (5 − 2), price 2)', () => {
    expect(emissions.map((e) => [e.alpha, e.tao])).toEqual([[100_000_000n, 200_000_000n]]);
  });

  it('Koinly universal CSV: exact header, UTC "YYYY-MM-DD HH:mm", SN<netuid> alpha, fees apart', () => {
    const csv = koinlyCsv(taxRows(r.ledger, emissions), {
      book: new FiatBook([{ date: '2025-10-02', price: 30_000_000_000n }]),
      currency: 'USD',
    });
    expect(csv.split('\r\n')).toEqual([
      'Date (UTC),Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash',
      // stake: 10 TAO gross = 9.994964523 sent + 0.005035477 fee
      '2025-10-01 00:20,9.994964523,TAO,5.000000000,SN7,0.005035477,TAO,,,,buy block 100-1,100-0',
      // unstake: 2 α gross = 1.998992905 sent + 0.001007095 α fee; net worth 4 TAO × 300 = 1200
      '2025-10-02 00:20,1.998992905,SN7,4.000000000,TAO,0.001007095,SN7,1200.00000000,USD,,sell block 7300-1,7300-0',
      // emission income: 0.1 α worth 0.2 TAO × 300 = 60
      '2025-10-02 00:20,,,0.100000000,SN7,,,60.00000000,USD,reward,emission H1 blocks 0-7300,',
      '',
    ]);
  });

  it('CoinTracker CSV: exact header, "MM/DD/YYYY HH:MM:SS", staking tag for rewards', () => {
    const csv = coinTrackerCsv(taxRows(r.ledger, emissions));
    expect(csv.split('\r\n').slice(0, 2)).toEqual([
      'Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,Fee Currency,Tag',
      '10/01/2025 00:20:00,5.000000000,SN7,9.994964523,TAO,0.005035477,TAO,',
    ]);
    expect(csv.split('\r\n')[3]).toBe('10/02/2025 00:20:00,0.100000000,SN7,,,,,staking');
  });

  it('events CSV: one row per leg with sources for drill-down', () => {
    const lines = eventsCsv(r.ledger).split('\r\n');
    expect(lines[0]).toBe(
      'date_utc,block,extrinsic,entry,kind,coldkey,hotkey,netuid,alpha_delta,tao,fee,fee_unit,spot_tao,category,basis,flags,sources',
    );
    expect(lines[2]).toBe(
      '2025-10-02T00:20:00.000Z,7300,1,1,sell,C1,H1,7,-2.000000000,4.000000000,0.001007095,alpha,4.000000000,sold,trade,,7300-0',
    );
  });

  it('report embeds settings and app version, bigints as exact strings', () => {
    const rep = buildReport(r.pnl, r.settings, { name: 'Taofolio', version: '0.1.0' }, '2026-01-01T00:00:00Z');
    const json = JSON.parse(JSON.stringify(rep)) as {
      app: { version: string };
      settings: { method: string };
      pnl: { total: { figures: { alpha: string; emissionTao: string } } };
    };
    expect(json.app.version).toBe('0.1.0');
    expect(json.settings.method).toBe('acb');
    expect(json.pnl.total.figures.alpha).toBe('3100000000');
    expect(json.pnl.total.figures.emissionTao).toBe('200000000');
  });

  it('identical stakes in one batch: a TxHash each (the chain event), so Koinly does not drop one as a duplicate', () => {
    const batch = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        // one extrinsic spreading 20 TAO evenly over two validators of SN7
        events: [
          ev('StakeAdded', { block: 100, idx: 4, netuid: 7, hot: 'H1', tao: 10n * TAO, alpha: 5n * A }),
          ev('StakeAdded', { block: 100, idx: 5, netuid: 7, hot: 'H2', tao: 10n * TAO, alpha: 5n * A }),
        ],
        checkpoints: [],
        snapshots: [],
      },
      { method: 'acb', rewards: 'income' },
    );
    const rows = koinlyCsv(taxRows(batch.ledger, batch.emissions)).split('\r\n').slice(1, 3);
    const cells = rows.map((r) => r.split(','));
    // Koinly's duplicate test: date, currency, amount and TxHash. All but the TxHash are the same.
    expect(cells.map((c) => c.slice(0, -1))).toEqual([cells[0]?.slice(0, -1), cells[0]?.slice(0, -1)]);
    expect(cells.map((c) => c.at(-1))).toEqual(['100-4', '100-5']);
  });

  it('cross-subnet swap: Sent SN<a> (net of the origin α fee) / Received SN<b>', () => {
    const swap = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A }),
          ev('StakeRemoved', { block: 200, idx: 1, tao: 19_900_000_000n, alpha: 10n * A, fee: 5_000_000n }),
          ev('StakeAdded', { block: 200, idx: 2, netuid: 2, tao: 19_900_000_000n, alpha: 4n * A }),
          ev('StakeSwapped', { block: 200, idx: 3, destNet: 2, tao: 19_900_000_000n }),
        ],
        checkpoints: [],
        snapshots: [],
      },
      { method: 'acb', rewards: 'income' },
    );
    const lines = koinlyCsv(taxRows(swap.ledger, swap.emissions)).split('\r\n');
    expect(lines[2]).toBe('2025-10-01 00:40,9.995000000,SN1,4.000000000,SN2,0.005000000,SN1,,,,swap block 200-1,200-1');
  });

  it('pre-v3 unstake with a TAO fee: Received is the gross TAO, so Received − Fee is the TAO the wallet got', () => {
    // Spec 270: StakeRemoved.tao (4 TAO) is net of its 0.001 TAO fee. With the fee listed apart (as on the
    // buy side), Received must be 4.001 so that Received − Fee = 4 TAO credited. (Was: 4.000, i.e. 3.999 net.)
    const old = computePortfolio(
      {
        trackedColdkeys: ['C1'],
        events: [
          ev('StakeAdded', { block: 100, spec: 270, tao: 10n * TAO, alpha: 5n * A, fee: 1_000_000n }),
          ev('StakeRemoved', { block: 200, spec: 270, tao: 4n * TAO, alpha: 2n * A, fee: 1_000_000n }),
        ],
        checkpoints: [],
        snapshots: [],
      },
      { method: 'acb', rewards: 'income' },
    );
    const lines = koinlyCsv(taxRows(old.ledger, old.emissions)).split('\r\n');
    // buy: StakeAdded.tao 10 is net of the fee at 270, so 10 TAO sent + 0.001 fee
    expect(lines[1]).toBe('2025-10-01 00:20,10.000000000,TAO,5.000000000,SN1,0.001000000,TAO,,,,buy block 100-1,100-0');
    expect(lines[2]).toBe('2025-10-01 00:40,2.000000000,SN1,4.001000000,TAO,0.001000000,TAO,,,,sell block 200-1,200-0');
    expect(coinTrackerCsv(taxRows(old.ledger, old.emissions)).split('\r\n')[2]).toBe(
      '10/01/2025 00:40:00,4.001000000,TAO,2.000000000,SN1,0.001000000,TAO,',
    );
  });

  it('an α-paid transaction fee: Koinly "cost", CoinTracker a Send with no tag (it has no tag for a fee alone)', () => {
    const at = { block: 100, spec: 424 };
    const es = normalizeEvents(
      [
        ev('StakeRemoved', { ...at, idx: 1, netuid: 1, tao: 2_700_000n, alpha: 3_000_000n, fee: 0n }),
        ev('TransactionFeePaidWithAlpha', { ...at, idx: 2, hot: null, netuid: 1, alpha: 3_000_000n, tao: 2_700_000n }),
      ],
      { trackedColdkeys: new Set(['C1']) },
    );
    expect(es.map((e) => e.kind)).toEqual(['alpha-fee']);
    expect(koinlyCsv(taxRows(es, [])).split('\r\n')[1]).toBe(
      '2025-10-01 00:20,0.003000000,SN1,,,,,,,cost,alpha-fee block 100-1,100-1',
    );
    expect(coinTrackerCsv(taxRows(es, [])).split('\r\n')[1]).toBe('10/01/2025 00:20:00,,,0.003000000,SN1,,,');
  });
});
