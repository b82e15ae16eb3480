// Every flag the engine puts on a ledger entry has words in the vocabulary: Activity and a position's
// drill-down say them, never an id (a batched fill's and a lone swap side's were shown raw before).
import { describe, expect, it } from 'vitest';
import { computePortfolio, type PortfolioInput, type PositionEffect } from './engine';
import { A, TAO, cp, ev, snap, tsOf } from './engine/testing/fixtures';
import { ENTRY_FLAGS, SILENT_EFFECT_KINDS, ledgerFlagTerm, type LedgerFlag } from './vocab';

const effect = (block: number, kind: PositionEffect['kind'], alpha: bigint, tao = 0n, cold = 'C1'): PositionEffect => ({
  blockNumber: block,
  timestamp: tsOf(block),
  eventIndex: 5,
  kind,
  coldkey: cold,
  hotkey: 'H1',
  netuid: 1,
  alpha,
  tao,
});

describe('ledger entry flags', () => {
  it('the engine’s flags on a lone swap side without a price and on batched fills are all in words', () => {
    const input: PortfolioInput = {
      trackedColdkeys: ['C1'],
      events: [ev('StakeAdded', { block: 100, tao: 10n * TAO, alpha: 10n * A })],
      checkpoints: [cp(600, 6n * A)],
      // No pool price before 150.
      snapshots: [snap(150, 1, 2n * TAO)],
      effects: [
        // Only the old coldkey is watched: its α left at spot (none yet), the swap's other side not recorded.
        effect(120, 'ColdkeySwapped', -4n * A),
        effect(120, 'ColdkeySwapped', 4n * A, 0n, 'C2'),
        effect(400, 'OrderExecutedBatched', 5n * A, -6n * TAO),
        effect(500, 'OrderExecutedBatched', -5n * A, 9n * TAO),
      ],
    };
    const flags = computePortfolio(input, { method: 'acb', rewards: 'income' }).ledger.flatMap((e) => e.flags);
    expect(new Set(flags)).toEqual(new Set<LedgerFlag>(['missing-price', 'ColdkeySwapped', 'batched-order']));
    expect(flags.map((f) => ledgerFlagTerm(f).label)).toContain('Coldkey swapped');
    for (const f of flags) {
      const term = ledgerFlagTerm(f);
      expect(term.label).not.toBe(f);
      expect(term.help.length).toBeGreaterThan(term.label.length);
    }
  });

  it('every flag of the vocabulary, and every silent change behind a lone side, has a label and words', () => {
    for (const f of [...Object.keys(ENTRY_FLAGS), ...Object.keys(SILENT_EFFECT_KINDS)] as LedgerFlag[]) {
      const { label, help } = ledgerFlagTerm(f);
      expect([f, label.length > 0, help.length > 0]).toEqual([f, true, true]);
    }
    expect(ledgerFlagTerm('missing-price').help).toBe('No pool price was recorded for this block: valued at 0.');
  });
});
