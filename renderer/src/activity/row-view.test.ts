import { describe, expect, it } from 'vitest';
import type { ActivityFundView, ActivityRow } from '../../../shared/activity';
import type { LedgerLegView } from '../../../shared/views';
import {
  entryFee,
  feeFiat,
  hotkeysText,
  rowTao,
  sharesText,
  stateChangeText,
  subnetsText,
  walletsText,
  walletsTitle,
} from './row-view';
import { pagesFor } from './queries';
import { rowCells, rowCellsCache, rowTitles, symbolOf } from './row-cells';

const leg = (o: Partial<LedgerLegView>): LedgerLegView => ({
  coldkey: '5ColdkeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1',
  hotkey: '5HotkeyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA1',
  netuid: 1,
  alpha: 0n,
  category: 'bought',
  basis: 'trade',
  tao: 0n,
  fee: 0n,
  feeUnit: 'tao',
  spotTao: null,
  spotBlock: null,
  ...o,
});
const row = (o: Partial<ActivityRow>): ActivityRow => ({
  seq: 0,
  kind: 'buy',
  blockNumber: 10,
  blockHash: '0xabc',
  timestamp: Date.UTC(2026, 0, 2, 3, 4, 5),
  specVersion: 343,
  extrinsicIndex: 1,
  legs: [leg({})],
  claimedNetuid: null,
  sources: [],
  fund: null,
  flags: [],
  ...o,
});
const fund = (o: Partial<ActivityFundView>): ActivityFundView => ({
  record: 'purchase',
  coldkey: 'C'.repeat(48),
  hotkey: 'F'.repeat(48),
  shares: 1_500_000_000n,
  tao: 2_000_000_000n,
  fee: 12_000_000n,
  basis: 0n,
  realized: 0n,
  income: 0n,
  ...o,
});

describe('Activity row view', () => {
  it('names the subnets once each, in leg order; a swap root claim goes from its subnet to root', () => {
    expect(subnetsText(row({}))).toBe('SN1');
    expect(subnetsText(row({ kind: 'swap', legs: [leg({ netuid: 3 }), leg({ netuid: 0 })] }))).toBe('SN3 → Root');
    expect(subnetsText(row({ kind: 'move', legs: [leg({ netuid: 5 }), leg({ netuid: 5 })] }))).toBe('SN5');
    expect(subnetsText(row({ kind: 'root-claim-swap', claimedNetuid: 12, legs: [leg({ netuid: 0 })] }))).toBe(
      'SN12 → Root',
    );
    expect(subnetsText(row({ kind: 'root-claim-keep', claimedNetuid: 12, legs: [leg({ netuid: 12 })] }))).toBe('SN12');
  });

  it('says what an entry without a chain event was read from the chain state as', () => {
    expect(stateChangeText(row({ kind: 'root-claim-keep' }))).toBe('a root-claim payout');
    expect(stateChangeText(row({ kind: 'root-claim-swap' }))).toBe('a root-claim payout');
    expect(stateChangeText(row({ kind: 'dissolution' }))).toBe('a change to your stake');
    expect(stateChangeText(row({ kind: 'share-reconcile' }))).toBe('a change to your stake');
    expect(stateChangeText(row({ kind: 'fund-purchase', fund: fund({}) }))).toBe('fund shares');
  });

  it('names wallets by label and hotkeys once each (a transfer between two wallets shows both)', () => {
    const a = leg({ coldkey: 'A'.repeat(48), hotkey: 'H'.repeat(48) });
    const b = leg({ coldkey: 'B'.repeat(48), hotkey: 'H'.repeat(48) });
    const labels = new Map([['A'.repeat(48), 'Main']]);
    expect(walletsText(row({ legs: [a, b] }), labels)).toBe(`Main → BBBBBBBB…BBBBBB`);
    expect(hotkeysText(row({ legs: [a, b] }))).toBe('HHHHHHHH…HHHHHH');
  });

  it('shows the fee with its unit, "unknown" when the runtime hid it, nothing when none', () => {
    expect(entryFee(row({ legs: [leg({ fee: 0n })] }))).toBeNull();
    expect(entryFee(row({ legs: [leg({ fee: 5n, feeUnit: 'alpha', netuid: 4 })] }))).toEqual({
      amount: 5n,
      unit: 'alpha',
      netuid: 4,
      leg: 0,
    });
    expect(entryFee(row({ legs: [leg({ fee: 0n }), leg({ fee: null, netuid: 2 })] }))).toEqual({
      amount: null,
      unit: 'tao',
      netuid: 2,
      leg: 1,
    });
  });

  it('shows a basket record by its fund, wallet, validator, shares, TAO and purchase fee', () => {
    const purchase = row({ kind: 'fund-purchase', legs: [], fund: fund({}) });
    expect(subnetsText(purchase)).toBe('Fund');
    expect(walletsText(purchase, new Map([['C'.repeat(48), 'Main']]))).toBe('Main');
    expect(hotkeysText(purchase)).toBe('FFFFFFFF…FFFFFF');
    expect(sharesText(purchase.fund!.shares)).toBe('1.5000 shares');
    expect(rowTao(purchase)).toEqual({ rao: 2_000_000_000n, fiat: null });
    const fee = entryFee(purchase)!;
    expect(fee).toEqual({ amount: 12_000_000n, unit: 'tao', netuid: 0, leg: -1 });
    const inFiat = {
      ...purchase,
      fiat: {
        tao: [],
        fee: [],
        spot: [],
        fund: { tao: 700n, fee: 4n, basis: 0n, realized: 0n, income: 0n, lotBased: false },
      },
    };
    expect(rowTao(inFiat)).toEqual({ rao: 2_000_000_000n, fiat: 700n });
    expect(feeFiat(inFiat, fee)).toBe(4n);
    // A claim: the shares' row is the ledger's basket-claim entry, whose leg is the root stake acquired.
    const claim = row({
      kind: 'basket-claim',
      legs: [leg({ netuid: 0, alpha: 9n, tao: 9n, hotkey: 'F'.repeat(48) })],
      fund: fund({ record: 'claim', shares: -5n, tao: 9n, fee: 0n }),
    });
    expect(subnetsText(claim)).toBe('Fund → Root');
    expect(hotkeysText(claim)).toBe('FFFFFFFF…FFFFFF');
    expect(rowTao(claim)).toEqual({ rao: 9n, fiat: null });
    expect(entryFee(claim)).toBeNull();
  });

  it('fetches the first page (the counts) and the pages of the rows in view', () => {
    expect(pagesFor(0, 30)).toEqual([0]);
    expect(pagesFor(190, 230)).toEqual([0, 1]);
    expect(pagesFor(99_950, 99_999)).toEqual([0, 499]);
    expect(pagesFor(5, 4)).toEqual([0]);
  });
});

describe('Activity row cells (formatted once per row)', () => {
  const labels = new Map([['A'.repeat(48), 'Main']]);
  const TAO = { fiatCode: undefined, symbols: {} };
  const USD = { fiatCode: 'USD', symbols: {} };

  it("shows each subnet's α in its own token symbol, α where the chain gave none, root in τ", () => {
    const unit = { fiatCode: undefined, symbols: { 3: 'γ', 12: 'ዐ' } };
    const swap = row({
      kind: 'swap',
      legs: [leg({ netuid: 3, alpha: -2_000_000_000n }), leg({ netuid: 12, alpha: 5_000_000_000n })],
    });
    expect(rowCells(swap, labels, new Map(), unit).alpha).toEqual([{ text: '−2.0000 γ' }, { text: '5.0000 ዐ' }]);
    expect(rowTitles(swap, labels, new Map(), unit).alpha).toEqual(['−2.000000000 γ', '5.000000000 ዐ']);
    // An α fee is in its subnet's symbol too.
    const sell = row({ legs: [leg({ netuid: 3, alpha: -1_000_000_000n, fee: 5_000n, feeUnit: 'alpha' })] });
    expect(rowCells(sell, labels, new Map(), unit).fee).toEqual({ text: '0.000005 γ' });
    // A subnet without a recorded symbol keeps α; root's α is τ whatever the symbols say.
    expect(rowCells(row({ legs: [leg({ netuid: 4, alpha: 1_000_000_000n })] }), labels, new Map(), unit).alpha).toEqual(
      [{ text: '1.0000 α' }],
    );
    const root = row({ legs: [leg({ netuid: 0, alpha: 1_000_000_000n })] });
    expect(rowCells(root, labels, new Map(), { ...unit, symbols: { 0: 'Τ' } }).alpha).toEqual([{ text: 'τ1.0000' }]);
  });

  it('shows an entry from before its netuid was registered again in the earlier subnet’s token', () => {
    const unit = { fiatCode: undefined, symbols: { 3: 'γ', 12: 'ዐ' } };
    // Netuid 3 was another subnet's then (token ο); 12's was not recorded: α, not today's ዐ.
    const swap = row({
      kind: 'swap',
      legs: [leg({ netuid: 3, alpha: -2_000_000_000n, fee: 5_000n, feeUnit: 'alpha' }), leg({ netuid: 12, alpha: 5n })],
      symbols: { 3: 'ο', 12: null },
    });
    expect(rowCells(swap, labels, new Map(), unit).alpha).toEqual([{ text: '−2.0000 ο' }, { text: '0.000000005 α' }]);
    expect(rowCells(swap, labels, new Map(), unit).fee).toEqual({ text: '0.000005 ο' });
    expect(symbolOf(unit.symbols, swap, 3)).toBe('ο');
    expect(symbolOf(unit.symbols, swap, 12)).toBeUndefined();
    expect(symbolOf(unit.symbols, row({}), 12)).toBe('ዐ');
  });

  it('shows what the amount components show: α, root α in τ, TAO, a fee to 6 decimals, full precision on hover', () => {
    const r = row({ legs: [leg({ netuid: 3, alpha: 1_234_567_891n, tao: 2_500_000_000n, fee: 123_456n })] });
    const c = rowCells(r, labels, new Map(), TAO);
    expect(c.alpha).toEqual([{ text: '1.2346 α' }]);
    expect(c.tao).toEqual({ text: 'τ2.5000' });
    expect(c.fee).toEqual({ text: 'τ0.000123' });
    expect(c.legs).toBe(false);
    const t = rowTitles(r, labels, new Map(), TAO);
    expect([t.alpha, t.tao, t.fee]).toEqual([['1.234567891 α'], 'τ2.500000000', 'τ0.000123456']);
    const rootRow = row({ legs: [leg({ netuid: 0, alpha: 7n, fee: null })] });
    expect(rowCells(rootRow, labels, new Map(), TAO).fee).toBe('unknown');
    expect(rowTitles(rootRow, labels, new Map(), TAO)).toMatchObject({ alpha: ['τ0.000000007'], fee: undefined });
  });

  it('never shows an amount that is not zero as a bare zero: a tiny one takes the decimals it needs', () => {
    const dividend = row({
      kind: 'fund-income',
      legs: [],
      fund: fund({ record: 'income', shares: 1n, tao: 1n, fee: 0n }),
    });
    const c = rowCells(dividend, labels, new Map(), TAO);
    expect(c.alpha).toEqual([{ text: '0.000000001 shares', testId: 'activity-shares' }]);
    expect(c.tao).toEqual({ text: 'τ0.000000001' });
    const sell = row({ legs: [leg({ netuid: 3, alpha: -40_000n, tao: 2n, fee: 3n })] });
    const s = rowCells(sell, labels, new Map(), TAO);
    expect([s.alpha, s.tao, s.fee]).toEqual([
      [{ text: '−0.00004 α' }],
      { text: 'τ0.000000002' },
      { text: 'τ0.000000003' },
    ]);
    // A real zero stays a zero, at the column's decimals.
    expect(rowCells(row({ legs: [leg({ tao: 0n })] }), labels, new Map(), TAO).tao).toEqual({ text: 'τ0.0000' });
  });

  it("gives the cut cells their full text on hover: the kind's whole label, every wallet's address", () => {
    const a = leg({ coldkey: 'A'.repeat(48) });
    const b = leg({ coldkey: 'B'.repeat(48) });
    const transfer = row({ kind: 'internal-transfer', legs: [a, b] });
    const c = rowCells(transfer, labels, new Map(), TAO);
    const t = rowTitles(transfer, labels, new Map(), TAO);
    expect(c.kind).toBe('Transfer between your wallets');
    expect(t.kind).toMatch(/^Transfer between your wallets: /);
    expect(c.wallets).toBe('Main → BBBBBBBB…BBBBBB');
    expect(t.wallets).toBe(`Main · ${'A'.repeat(48)} → ${'B'.repeat(48)}`);
    expect(walletsTitle(row({ legs: [b, b] }), labels)).toBe('B'.repeat(48));
    expect(c.legs).toBe(true);
  });

  it('shows a basket record\'s shares, and fiat where asked ("no price" for a day without one)', () => {
    const purchase = row({
      kind: 'fund-purchase',
      legs: [],
      fund: fund({}),
      fiat: {
        tao: [],
        fee: [],
        spot: [],
        fund: { tao: 70_000_000_000n, fee: null, basis: 0n, realized: 0n, income: 0n, lotBased: false },
      },
    });
    const c = rowCells(purchase, labels, new Map(), USD);
    expect(c.alpha).toEqual([{ text: '1.5000 shares', testId: 'activity-shares' }]);
    expect(c.tao).toEqual({ text: '700.00 USD' });
    expect(c.fee).toMatchObject({ text: 'no price', missing: true });
    expect(rowTitles(purchase, labels, new Map(), USD)).toMatchObject({
      alpha: ['1.500000000 shares'],
      tao: '700.00000000 USD',
      fee: 'No TAO price imported for a day this needs',
    });
    // The same row in τ when the list is not in fiat.
    expect(rowCells(purchase, labels, new Map(), TAO).tao).toEqual({ text: 'τ2.0000' });
    expect(rowTitles(purchase, labels, new Map(), TAO).tao).toBe('τ2.000000000');
  });

  it('formats a row once for as long as its object is held', () => {
    const cellsOf = rowCellsCache(labels, new Map(), TAO);
    const r = row({});
    expect(cellsOf(r)).toBe(cellsOf(r));
    expect(cellsOf(row({}))).not.toBe(cellsOf(r));
  });
});
