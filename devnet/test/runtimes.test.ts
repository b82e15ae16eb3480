/** Every event the devnet emits exists in every runtime it serves (else System.Events indices would shift). */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureMetadata } from './helpers.js';
import { runtimeFor } from '../scale/runtime.js';

beforeAll(() => ensureMetadata());

const ALWAYS = [
  ['System', 'ExtrinsicSuccess'],
  ['System', 'ExtrinsicFailed'],
  ['System', 'CodeUpdated'],
  ['Balances', 'Withdraw'],
  ['Balances', 'Transfer'],
  ['TransactionPayment', 'TransactionFeePaid'],
  ['SubtensorModule', 'StakeAdded'],
  ['SubtensorModule', 'StakeRemoved'],
  ['SubtensorModule', 'StakeMoved'],
  ['SubtensorModule', 'StakeTransferred'],
  ['SubtensorModule', 'StakeSwapped'],
  ['SubtensorModule', 'NetworkAdded'],
] as const;

describe.each([233, 315, 320, 343, 393, 424])('runtime %i', (spec) => {
  it('knows every event the devnet emits at that runtime', () => {
    const rt = runtimeFor(spec);
    for (const [p, e] of ALWAYS) expect(rt.eventDef(p, e), `${p}.${e}`).not.toBeNull();
    if (spec >= 315) {
      expect(rt.eventDef('SubtensorModule', 'AlphaRecycled')).not.toBeNull();
      expect(rt.eventDef('SubtensorModule', 'AlphaBurned')).not.toBeNull();
    }
    if (spec >= 334) {
      expect(rt.eventDef('SubtensorModule', 'RootClaimed')).not.toBeNull();
      expect(rt.eventDef('SubtensorModule', 'RootClaimTypeSet')).not.toBeNull();
    }
    if (spec >= 423) {
      for (const e of ['EpochDeferred', 'StakeLocked', 'LockMoved', 'TransactionFeePaidWithAlpha', 'AddStakeBurn'])
        expect(rt.eventDef('SubtensorModule', e), e).not.toBeNull();
      for (const e of ['HotkeySwapped', 'ColdkeySwapped', 'NetworkRemoved', 'AlphaBurned'])
        expect(rt.eventDef('SubtensorModule', e), e).not.toBeNull();
      expect(rt.eventDef('LimitOrders', 'OrderExecuted')).not.toBeNull();
    }
    expect(rt.version.apis.some(([h, v]) => h === '0x37e397fc7c91f5e4' && v === 2)).toBe(true);
  });
});
