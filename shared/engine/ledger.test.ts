import { describe, expect, it } from 'vitest';
import { eventRef, type LedgerEntry, type StakeEvent } from './ledger';
import { normalizeEvents } from './normalize';
import { PriceBook } from './prices';
import { A, TAO, ev, snap } from './testing/fixtures';

const tracked = new Set(['C1', 'C2']);
const norm = (events: StakeEvent[], prices?: PriceBook): LedgerEntry[] =>
  normalizeEvents(events, { trackedColdkeys: tracked, prices });
const only = (es: LedgerEntry[]): LedgerEntry => {
  expect(es).toHaveLength(1);
  return es[0] as LedgerEntry;
};

describe('fee matrix (docs/chain/fees.md): add_stake / remove_stake per runtime', () => {
  it('233–251: no fee field; add tao = in − 50,000; remove tao = out − 50,000, alpha exact', () => {
    // paid 10 TAO: event tao = 10e9 − 50,000 = 9,999,950,000 → gross 10e9, fee 50,000 TAO
    const add = only(norm([ev('StakeAdded', { block: 10, spec: 240, tao: 9_999_950_000n, alpha: 5n * A })]));
    expect(add.kind).toBe('buy');
    expect(add.legs[0]).toMatchObject({ alpha: 5n * A, tao: 10n * TAO, fee: 50_000n, feeUnit: 'tao' });
    // sold 2 α for 4 TAO out: event tao = 4e9 − 50,000 = 3,999,950,000 (net), α gross = 2 α
    const rem = only(norm([ev('StakeRemoved', { block: 11, spec: 240, tao: 3_999_950_000n, alpha: 2n * A })]));
    expect(rem.legs[0]).toMatchObject({ alpha: -2n * A, tao: 3_999_950_000n, fee: 50_000n, feeUnit: 'tao' });
  });

  it('252–256: remove fee is dynamic and not observable → fee null, flagged; add still flat 50,000', () => {
    const add = only(norm([ev('StakeAdded', { block: 10, spec: 254, tao: 9_999_950_000n, alpha: 5n * A })]));
    expect(add.legs[0]).toMatchObject({ tao: 10n * TAO, fee: 50_000n });
    const rem = only(norm([ev('StakeRemoved', { block: 11, spec: 254, tao: 3_999_900_000n, alpha: 2n * A })]));
    expect(rem.legs[0]).toMatchObject({ alpha: -2n * A, tao: 3_999_900_000n, fee: null, feeUnit: 'tao' });
    expect(rem.flags).toContain('fee-unobservable');
  });

  it('257–282: fee field in TAO on both; tao fields net of the fee', () => {
    // add: event tao 9,999,950,000 + fee 50,000 → gross 10 TAO
    const add = only(
      norm([ev('StakeAdded', { block: 10, spec: 270, tao: 9_999_950_000n, alpha: 5n * A, fee: 50_000n })]),
    );
    expect(add.legs[0]).toMatchObject({ tao: 10n * TAO, fee: 50_000n, feeUnit: 'tao' });
    // remove: dynamic fee 80,000 TAO reported; tao already net; alpha = actual decrease
    const rem = only(
      norm([ev('StakeRemoved', { block: 11, spec: 270, tao: 3_999_920_000n, alpha: 2n * A, fee: 80_000n })]),
    );
    expect(rem.legs[0]).toMatchObject({ alpha: -2n * A, tao: 3_999_920_000n, fee: 80_000n, feeUnit: 'tao' });
  });

  it('283–394: StakeAdded.tao gross (fee inside); StakeRemoved.alpha gross incl. α fee; tao net', () => {
    // 10 TAO in, fee = floor(10e9 × 33/65535) = 5,035,477 TAO inside the 10 TAO
    const add = only(
      norm([ev('StakeAdded', { block: 10, spec: 320, tao: 10n * TAO, alpha: 5n * A, fee: 5_035_477n })]),
    );
    expect(add.legs[0]).toMatchObject({ tao: 10n * TAO, fee: 5_035_477n, feeUnit: 'tao', alpha: 5n * A });
    // position decreases by the event α (2 α, fee 1,007,095 α-rao inside), TAO received net
    const rem = only(
      norm([ev('StakeRemoved', { block: 11, spec: 320, tao: 3_990_000_000n, alpha: 2n * A, fee: 1_007_095n })]),
    );
    expect(rem.legs[0]).toMatchObject({ alpha: -2n * A, tao: 3_990_000_000n, fee: 1_007_095n, feeUnit: 'alpha' });
  });

  it('≥397: StakeRemoved.alpha is NET; gross decrease = alpha + fee', () => {
    // event α 1,998,992,905 net + fee 1,007,095 = 2,000,000,000 gross leaves the position
    const rem = only(
      norm([ev('StakeRemoved', { block: 11, spec: 400, tao: 3_990_000_000n, alpha: 1_998_992_905n, fee: 1_007_095n })]),
    );
    expect(rem.legs[0]).toMatchObject({ alpha: -2n * A, fee: 1_007_095n, feeUnit: 'alpha' });
    // ≥411 StakeAdded.tao is gross tao_staked: unchanged reading
    const add = only(
      norm([ev('StakeAdded', { block: 12, spec: 411, tao: 10n * TAO, alpha: 5n * A, fee: 5_035_477n })]),
    );
    expect(add.legs[0]).toMatchObject({ tao: 10n * TAO, fee: 5_035_477n });
  });
});

describe('moves: fee sides per runtime (docs/chain/fees.md#move-fee-sides)', () => {
  const swap = (
    spec: number,
    o: {
      rTao: bigint;
      rAlpha: bigint;
      rFee: bigint;
      aTao: bigint;
      aAlpha: bigint;
      aFee: bigint;
      from?: number;
      to?: number;
    },
  ): StakeEvent[] => [
    ev('StakeRemoved', { block: 50, spec, idx: 1, netuid: o.from ?? 1, tao: o.rTao, alpha: o.rAlpha, fee: o.rFee }),
    ev('StakeAdded', { block: 50, spec, idx: 2, netuid: o.to ?? 2, tao: o.aTao, alpha: o.aAlpha, fee: o.aFee }),
    ev('StakeSwapped', { block: 50, spec, idx: 3, netuid: o.from ?? 1, destNet: o.to ?? 2, tao: o.rTao }),
  ];

  it('233–251: 25,000 per side, no fee field; destination gross = origin net', () => {
    // origin: TAO out 6 TAO − 25,000 = 5,999,975,000 (event tao); dest: 5,999,975,000 − 25,000 = 5,999,950,000
    const e = only(
      norm(
        swap(240, { rTao: 5_999_975_000n, rAlpha: 3n * A, rFee: 0n, aTao: 5_999_950_000n, aAlpha: 2n * A, aFee: 0n }),
      ),
    );
    expect(e.kind).toBe('swap');
    expect(e.legs[0]).toMatchObject({ netuid: 1, alpha: -3n * A, tao: 5_999_975_000n, fee: 25_000n, feeUnit: 'tao' });
    expect(e.legs[1]).toMatchObject({ netuid: 2, alpha: 2n * A, tao: 5_999_975_000n, fee: 25_000n, feeUnit: 'tao' });
  });

  it('252–256: dyn/2 per side unobservable; destination fee inferred as origin net − dest net', () => {
    // dyn fee 70,000 → 35,000 per side: origin event tao 5,999,965,000; dest 5,999,930,000 → inferred 35,000
    const e = only(
      norm(
        swap(254, { rTao: 5_999_965_000n, rAlpha: 3n * A, rFee: 0n, aTao: 5_999_930_000n, aAlpha: 2n * A, aFee: 0n }),
      ),
    );
    expect(e.legs[0]).toMatchObject({ fee: null });
    expect(e.legs[1]).toMatchObject({ fee: 35_000n, tao: 5_999_965_000n });
    expect(e.flags).toContain('fee-unobservable');
  });

  it('257–282: both sides report dyn/2 in TAO; dest tao net of it', () => {
    const e = only(
      norm(
        swap(270, {
          rTao: 5_999_965_000n,
          rAlpha: 3n * A,
          rFee: 35_000n,
          aTao: 5_999_930_000n,
          aAlpha: 2n * A,
          aFee: 35_000n,
        }),
      ),
    );
    expect(e.legs[0]).toMatchObject({ tao: 5_999_965_000n, fee: 35_000n, feeUnit: 'tao' });
    expect(e.legs[1]).toMatchObject({ tao: 5_999_965_000n, fee: 35_000n, feeUnit: 'tao' });
  });

  it('283–292: both sides pay (α fee on origin, TAO fee on destination)', () => {
    const e = only(
      norm(
        swap(290, {
          rTao: 6n * TAO,
          rAlpha: 3n * A,
          rFee: 8_972_000n,
          aTao: 6n * TAO,
          aAlpha: 2n * A,
          aFee: 17_944_000n,
        }),
      ),
    );
    expect(e.legs[0]).toMatchObject({ fee: 8_972_000n, feeUnit: 'alpha' });
    expect(e.legs[1]).toMatchObject({ fee: 17_944_000n, feeUnit: 'tao', tao: 6n * TAO });
    expect(e.flags).not.toContain('unexpected-fee-side');
  });

  it('297–306: origin free, destination pays', () => {
    const e = only(
      norm(swap(300, { rTao: 6n * TAO, rAlpha: 3n * A, rFee: 0n, aTao: 6n * TAO, aAlpha: 2n * A, aFee: 3_021_286n })),
    );
    expect(e.legs[0]).toMatchObject({ fee: 0n });
    expect(e.legs[1]).toMatchObject({ fee: 3_021_286n, feeUnit: 'tao' });
    expect(e.flags).not.toContain('unexpected-fee-side');
    // the same fee on the origin side instead is flagged at 300
    const bad = only(
      norm(swap(300, { rTao: 6n * TAO, rAlpha: 3n * A, rFee: 1_510_643n, aTao: 6n * TAO, aAlpha: 2n * A, aFee: 0n })),
    );
    expect(bad.flags).toContain('unexpected-fee-side');
  });

  it('≥315: origin pays in α, destination free; root origin: the other way round', () => {
    const e = only(
      norm(swap(320, { rTao: 6n * TAO, rAlpha: 3n * A, rFee: 1_510_643n, aTao: 6n * TAO, aAlpha: 2n * A, aFee: 0n })),
    );
    expect(e.legs[0]).toMatchObject({ fee: 1_510_643n, feeUnit: 'alpha' });
    expect(e.legs[1]).toMatchObject({ fee: 0n });
    expect(e.flags).not.toContain('unexpected-fee-side');
    const fromRoot = only(
      norm(
        swap(320, {
          from: 0,
          rTao: 6n * TAO,
          rAlpha: 6n * TAO,
          rFee: 0n,
          aTao: 6n * TAO,
          aAlpha: 2n * A,
          aFee: 3_021_286n,
        }),
      ),
    );
    expect(fromRoot.flags).not.toContain('unexpected-fee-side');
    expect(fromRoot.legs[0]).toMatchObject({ netuid: 0, alpha: -6n * TAO, fee: 0n });
  });
});

describe('event grouping', () => {
  it('same-subnet move ≥297 is a basis-carrying transfer with fee 0 and tao = price × α, friction 0', () => {
    // price 2 TAO/α: 3 α moved → tao 6 TAO on both events
    const prices = new PriceBook([snap(40, 1, 2n * TAO)]);
    const e = only(
      norm(
        [
          ev('StakeRemoved', { block: 50, spec: 320, idx: 1, hot: 'H1', tao: 6n * TAO, alpha: 3n * A }),
          ev('StakeAdded', { block: 50, spec: 320, idx: 2, hot: 'H2', tao: 6n * TAO, alpha: 3n * A }),
          ev('StakeMoved', { block: 50, spec: 320, idx: 3, hot: 'H1', destHot: 'H2', destNet: 1, tao: 6n * TAO }),
        ],
        prices,
      ),
    );
    expect(e.kind).toBe('move');
    expect(e.legs.map((l) => [l.hotkey, l.alpha, l.basis, l.category])).toEqual([
      ['H1', -3n * A, 'carry', 'transferOut'],
      ['H2', 3n * A, 'carry', 'transferIn'],
    ]);
    expect(e.legs[0]?.spotTao).toBe(6n * TAO);
    expect(e.legs[1]?.spotTao).toBe(6n * TAO);
  });

  it('spot value: from the snapshot before the block on a subnet, 1:1 from no snapshot on root (spotBlock null)', () => {
    const prices = new PriceBook([snap(40, 1, 2n * TAO), snap(40, 0, TAO)]);
    const sub = only(norm([ev('StakeAdded', { block: 50, spec: 320, tao: 6n * TAO, alpha: 3n * A })], prices));
    expect(sub.legs[0]).toMatchObject({ spotTao: 6n * TAO, spotBlock: 40 });
    const root = only(
      norm([ev('StakeAdded', { block: 50, spec: 320, netuid: 0, tao: 6n * TAO, alpha: 6n * A })], prices),
    );
    expect(root.legs[0]).toMatchObject({ spotTao: 6n * TAO, spotBlock: null });
  });

  it("alpha-paid transaction fee (≥397): the payer's StakeRemoved becomes an expense, not proceeds", () => {
    const es = norm([
      ev('StakeRemoved', { block: 60, spec: 400, idx: 1, tao: 900_000n, alpha: 1_000_000n, fee: 0n }),
      ev('StakeAdded', { block: 60, spec: 400, idx: 2, netuid: 2, tao: 5n * TAO, alpha: 1n * A, fee: 2_517_738n }),
      ev('TransactionFeePaidWithAlpha', {
        block: 60,
        spec: 400,
        idx: 3,
        hot: null,
        netuid: null,
        tao: 900_000n,
        alpha: 1_000_000n,
      }),
    ]);
    expect(es.map((e) => e.kind)).toEqual(['alpha-fee', 'buy']);
    expect(es[0]?.legs[0]).toMatchObject({
      alpha: -1_000_000n,
      tao: 0n,
      fee: 900_000n,
      feeUnit: 'tao',
      category: 'feePaid',
      basis: 'expense',
    });
    expect(es[0]?.sources.map((s) => s.kind)).toEqual(['StakeRemoved', 'TransactionFeePaidWithAlpha']);
  });

  it('dust clear: a second StakeRemoved for the same triple is a flagged sale', () => {
    const es = norm([
      ev('StakeRemoved', { block: 70, idx: 1, tao: 4n * TAO, alpha: 2n * A, fee: 1_000n }),
      ev('StakeRemoved', { block: 70, idx: 2, tao: 900n, alpha: 1_000n, fee: 0n }),
    ]);
    expect(es.map((e) => [e.kind, e.legs[0]?.alpha, e.flags.includes('dust-clear')])).toEqual([
      ['sell', -2n * A, false],
      ['sell', -1_000n, true],
    ]);
  });

  it('transfer to a stranger is a disposal at the TAO value; from a stranger an acquisition', () => {
    const out = only(
      norm([
        ev('StakeRemoved', { block: 80, idx: 1, tao: 10n * TAO, alpha: 5n * A }),
        ev('StakeAdded', { block: 80, idx: 2, cold: 'S', tao: 10n * TAO, alpha: 5n * A }),
        ev('StakeTransferred', { block: 80, idx: 3, counter: 'S', destNet: 1, tao: 10n * TAO }),
      ]),
    );
    expect(out.kind).toBe('transfer-out');
    expect(out.legs).toHaveLength(1);
    expect(out.legs[0]).toMatchObject({
      coldkey: 'C1',
      alpha: -5n * A,
      tao: 10n * TAO,
      basis: 'trade',
      category: 'transferOut',
    });
    const inn = only(
      norm([
        ev('StakeRemoved', { block: 81, idx: 1, cold: 'S', tao: 10n * TAO, alpha: 5n * A }),
        ev('StakeAdded', { block: 81, idx: 2, tao: 10n * TAO, alpha: 5n * A }),
        ev('StakeTransferred', { block: 81, idx: 3, cold: 'S', counter: 'C1', destNet: 1, tao: 10n * TAO }),
      ]),
    );
    expect(inn.kind).toBe('transfer-in');
    expect(inn.legs[0]).toMatchObject({ coldkey: 'C1', alpha: 5n * A, tao: 10n * TAO, category: 'transferIn' });
  });

  it('untracked coldkeys produce no entries; recycle/burn are expenses', () => {
    expect(norm([ev('StakeAdded', { block: 1, cold: 'X', tao: 1n, alpha: 1n })])).toEqual([]);
    const r = only(norm([ev('AlphaRecycled', { block: 2, alpha: 7n * A })]));
    expect(r.kind).toBe('recycle');
    expect(r.legs[0]).toMatchObject({ alpha: -7n * A, tao: 0n, basis: 'expense', category: 'burned' });
  });
});

describe('same-subnet moves before 297 (swap with fees)', () => {
  it('252–256: same-subnet move pays a flat 25,000 per side (not the dynamic fee)', () => {
    // 3 α out → 5,999,975,000 net (6 TAO − 25,000); in: 5,999,950,000 net → gross 5,999,975,000
    const e = only(
      norm([
        ev('StakeRemoved', { block: 50, spec: 254, idx: 1, tao: 5_999_975_000n, alpha: 3n * A }),
        ev('StakeAdded', { block: 50, spec: 254, idx: 2, hot: 'H2', tao: 5_999_950_000n, alpha: 2_999_000_000n }),
        ev('StakeMoved', { block: 50, spec: 254, idx: 3, destHot: 'H2', destNet: 1, tao: 5_999_975_000n }),
      ]),
    );
    expect(e.kind).toBe('move');
    expect(e.flags).not.toContain('fee-unobservable');
    expect(e.legs[0]).toMatchObject({ alpha: -3n * A, fee: 25_000n, basis: 'carry' });
    expect(e.legs[1]).toMatchObject({ alpha: 2_999_000_000n, fee: 25_000n, tao: 5_999_975_000n });
  });
});

describe('events as the sync stores them', () => {
  it('transfer to a stranger whose StakeAdded was not stored is still a transfer out', () => {
    const e = only(
      norm([
        ev('StakeRemoved', { block: 90, idx: 1, tao: 10n * TAO, alpha: 5n * A }),
        ev('StakeTransferred', { block: 90, idx: 3, counter: 'S', destNet: 1, tao: 10n * TAO }),
      ]),
    );
    expect(e.kind).toBe('transfer-out');
    expect(e.legs[0]).toMatchObject({ alpha: -5n * A, tao: 10n * TAO, category: 'transferOut' });
    expect(e.flags).toEqual([]);
  });

  it('a StakeTransferred stored once per tracked coldkey is counted once', () => {
    const sum = ev('StakeTransferred', { block: 91, idx: 3, counter: 'C2', destNet: 1, tao: 10n * TAO });
    const es = norm([
      ev('StakeRemoved', { block: 91, idx: 1, tao: 10n * TAO, alpha: 5n * A }),
      ev('StakeAdded', { block: 91, idx: 2, cold: 'C2', tao: 10n * TAO, alpha: 5n * A }),
      sum,
      { ...sum },
    ]);
    expect(es.map((e) => [e.kind, e.legs.length, e.sources.length])).toEqual([['internal-transfer', 2, 3]]);
  });

  it('a move whose destination StakeAdded is missing (below min stake) is a flagged sale', () => {
    const e = only(
      norm([
        ev('StakeRemoved', { block: 92, idx: 1, tao: 1_000_000n, alpha: 500_000n }),
        ev('StakeMoved', { block: 92, idx: 3, destHot: 'H2', destNet: 2, tao: 1_000_000n }),
      ]),
    );
    expect(e.kind).toBe('sell');
    expect(e.flags).toContain('move-without-destination');
  });
});

describe('events without a position', () => {
  it('a StakeAdded that names no hotkey is refused with a clear error, not booked to a made-up position', () => {
    expect(() => norm([ev('StakeAdded', { block: 10, hot: null, tao: TAO, alpha: A })])).toThrow(
      'StakeAdded at block 10 (event 0) names no hotkey',
    );
    expect(() => norm([ev('StakeRemoved', { block: 10, netuid: null, tao: TAO, alpha: A })])).toThrow(
      'names no subnet',
    );
  });

  it('root (netuid 0) is a subnet like any other: a RootClaimed names none, and leaves no leg', () => {
    expect(norm([ev('RootClaimed', { block: 10, hot: null, netuid: null })])).toEqual([]);
    const root = only(norm([ev('StakeAdded', { block: 10, netuid: 0, tao: TAO, alpha: TAO })]));
    expect(root.legs[0]).toMatchObject({ netuid: 0, alpha: TAO, tao: TAO });
  });

  it('sources name the stored id when the event has one', () => {
    const stored = { ...ev('StakeAdded', { block: 10, tao: TAO, alpha: A }), id: 42 };
    expect(eventRef(stored)).toBe('42');
    expect(eventRef(ev('StakeAdded', { block: 10, idx: 3 }))).toBe('10-3');
  });
});
