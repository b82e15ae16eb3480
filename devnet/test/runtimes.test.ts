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

const AUTO_STAKE_ADDED = ['u16', 'AccountId32', 'AccountId32', 'AccountId32', 'u64'];
const AUTO_STAKE_DESTINATION_SET = ['AccountId32', 'u16', 'AccountId32'];
/** The event's field types by name (its fieldTypes are lookup ids). */
const fields = (rt: ReturnType<typeof runtimeFor>, event: string) =>
  rt
    .eventDef('SubtensorModule', event)
    ?.fieldTypes.map((t) => rt.registry.lookup.getTypeDef(Number(t.replace('Lookup', ''))).type);

describe.each([233, 315, 320, 343, 393, 424])('runtime %i', (spec) => {
  it('knows every event the devnet emits at that runtime', () => {
    const rt = runtimeFor(spec);
    for (const [p, e] of ALWAYS) expect(rt.eventDef(p, e), `${p}.${e}`).not.toBeNull();
    if (spec >= 315) {
      expect(rt.eventDef('SubtensorModule', 'AlphaRecycled')).not.toBeNull();
      expect(rt.eventDef('SubtensorModule', 'AlphaBurned')).not.toBeNull();
      // miner incentive (chain/miners.ts): {netuid, destination, hotkey, owner, incentive}
      expect(fields(rt, 'AutoStakeAdded')).toEqual(AUTO_STAKE_ADDED);
    }
    if (spec >= 393) expect(fields(rt, 'AutoStakeDestinationSet')).toEqual(AUTO_STAKE_DESTINATION_SET);
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
