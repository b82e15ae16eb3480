// transfer_stake_and_hotkey (≈435+, docs/chain/mechanics.md#transfer-with-hotkey-and-collateral): its
// summary StakeAndHotkeyTransferred labels the StakeRemoved + StakeAdded before it like StakeTransferred.
import { describe, expect, it } from 'vitest';
import type { LedgerEntry, StakeEvent } from './ledger';
import { normalizeEvents } from './normalize';
import { A, TAO, ev } from './testing/fixtures';

const norm = (events: StakeEvent[], tracked: string[] = ['C1', 'C2']): LedgerEntry[] =>
  normalizeEvents(events, { trackedColdkeys: new Set(tracked) });
const only = (es: LedgerEntry[]): LedgerEntry => {
  expect(es).toHaveLength(1);
  return es[0]!;
};

describe('StakeAndHotkeyTransferred', () => {
  const pair = (dest: string, destNet = 1) => [
    ev('StakeRemoved', { block: 90, spec: 475, idx: 1, tao: 10n * TAO, alpha: 5n * A }),
    ev('StakeAdded', {
      block: 90,
      spec: 475,
      idx: 2,
      cold: dest,
      hot: 'H2',
      netuid: destNet,
      tao: 10n * TAO,
      alpha: 5n * A,
    }),
    ev('StakeAndHotkeyTransferred', {
      block: 90,
      spec: 475,
      idx: 3,
      counter: dest,
      destHot: 'H2',
      destNet,
      tao: 10n * TAO,
    }),
  ];

  it('to a stranger: a transfer out, not a sale', () => {
    const out = only(norm(pair('S'), ['C1']));
    expect(out.kind).toBe('transfer-out');
    expect(out.legs[0]).toMatchObject({ coldkey: 'C1', alpha: -5n * A, category: 'transferOut' });
  });

  it('between two tracked wallets on one subnet: the cost basis moves with it', () => {
    const out = only(norm(pair('C2')));
    expect(out.kind).toBe('internal-transfer');
    expect(out.legs.map((l) => [l.coldkey, l.hotkey, l.alpha, l.basis])).toEqual([
      ['C1', 'H1', -5n * A, 'carry'],
      ['C2', 'H2', 5n * A, 'carry'],
    ]);
  });

  it('from a stranger: a transfer in, not a purchase', () => {
    const out = only(
      norm(
        pair('C1').map((e) => (e.kind === 'StakeAdded' ? e : { ...e, coldkey: 'S' })),
        ['C1'],
      ),
    );
    expect(out.kind).toBe('transfer-in');
    expect(out.legs[0]).toMatchObject({ coldkey: 'C1', hotkey: 'H2', alpha: 5n * A, category: 'transferIn' });
  });
});
