// What the engine notes on a ledger entry. Re-exported by ./vocab (the import cycle is safe: `isIdOf`
// there is a hoisted function declaration).
import { isIdOf, type Term } from './vocab';
import { SILENT_EFFECT_KINDS, type SilentEffectKind } from './vocab-chain-events';

/** Irregularities of an entry, shown in words (Activity, a position's drill-down) and by id (exports). */
export const ENTRY_FLAGS = {
  'dust-clear': { label: 'Dust cleared', help: 'Dust cleared by the chain after an unstake.' },
  'fee-unobservable': {
    label: 'Fee not reported',
    help: 'The runtime charged a fee this event does not report.',
  },
  'unexpected-fee-side': {
    label: 'Fee on the other side',
    help: 'The fee was charged on the other side than this runtime usually does.',
  },
  'missing-origin-event': { label: 'Origin not recorded', help: 'The origin event of this move was not recorded.' },
  'move-without-destination': {
    label: 'Below the minimum stake',
    help: 'Moved to your own position but below the minimum stake: booked as a sale.',
  },
  'missing-price': { label: 'No price', help: 'No pool price was recorded for this block: valued at 0.' },
  'batched-order': {
    label: 'Batched limit order',
    help: 'A limit order filled in a batch: α and TAO changed hands without a stake event of yours.',
  },
} as const satisfies Record<string, Term>;
export type EntryFlag = keyof typeof ENTRY_FLAGS;

/**
 * A ledger entry's flag: an irregularity, or the silent change behind an entry that found no other side
 * (a swap whose other position is not watched: the α left or arrived at its spot value).
 */
export type LedgerFlag = EntryFlag | SilentEffectKind;

/** A flag's label and words. */
export function ledgerFlagTerm(flag: LedgerFlag): Term {
  return isIdOf(ENTRY_FLAGS, flag) ? ENTRY_FLAGS[flag] : SILENT_EFFECT_KINDS[flag];
}
