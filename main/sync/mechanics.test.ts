// The 397–424 mechanics decoded from spec-424 event bytes: alpha-paid fees, locks, limit orders,
// swaps, dissolution, add_stake_burn and root-claim transfers.
import { describe, expect, it } from 'vitest';
import { systemEventsHex, type SyntheticEvent } from '../test/events';
import { registryOf } from '../test/registries';
import { subnetAccount, subnetOfAccount } from './mechanics';
import { decodeEvents, stakeEventsOf, type DecodeContext } from './stake-events';

const C = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
const D = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const OTHER = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const H = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';
const H2 = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
const R = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
const ORDER = `0x${'ab'.repeat(32)}`;

function decode(events: SyntheticEvent[], ctx: Partial<DecodeContext> = {}) {
  const registry = registryOf(424);
  const decoded = decodeEvents(registry, systemEventsHex(424, events), 1_000, 424);
  return stakeEventsOf(decoded, { coldkey: C, hotkeys: new Set(), netuids: new Set(), ...ctx }, 424);
}

const ev = (phase: SyntheticEvent['phase'], pallet: string, name: string, ...args: unknown[]): SyntheticEvent => ({
  phase,
  pallet,
  name,
  args,
});

describe('subnet accounts', () => {
  it('round-trip through their netuid and are no ordinary accounts', () => {
    for (const n of [0, 1, 64, 255, 256, 4_095]) expect(subnetOfAccount(subnetAccount(n))).toBe(n);
    expect(subnetOfAccount(C)).toBeNull();
  });
});

describe('alpha-paid transaction fee', () => {
  it('records the fee with the hotkey and subnet of the StakeRemoved that sold it', () => {
    const { rows } = decode([
      ev(2, 'SubtensorModule', 'StakeRemoved', C, H, 500, 1_000, 3, 0),
      ev(2, 'SubtensorModule', 'StakeRemoved', C, H, 9_000, 20_000, 3, 300),
      ev(2, 'SubtensorModule', 'TransactionFeePaidWithAlpha', C, 3, 1_000, 500),
    ]);
    expect(rows.map((r) => r.kind)).toEqual(['StakeRemoved', 'StakeRemoved', 'TransactionFeePaidWithAlpha']);
    expect(rows[2]).toMatchObject({ hotkey: H, netuid: 3, alpha: 1_000n, tao: 500n, fee: 1_000n, feeUnit: 'alpha' });
  });
});

describe('conviction locks', () => {
  it('records StakeLocked and LockMoved of the coldkey only', () => {
    const { rows } = decode([
      ev(1, 'SubtensorModule', 'StakeLocked', C, H, 7, 12_345),
      ev(2, 'SubtensorModule', 'StakeLocked', OTHER, H, 7, 99),
      ev(3, 'SubtensorModule', 'LockMoved', C, H, H2, 7),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: 'StakeLocked', hotkey: H, netuid: 7, alpha: 12_345n });
    expect(rows[1]).toMatchObject({ kind: 'LockMoved', hotkey: H, destHotkey: H2, netuid: 7 });
  });
});

describe('limit orders', () => {
  it('execute_orders: the signer’s own StakeAdded is the trade; the order row carries the hotkey and TAO fee', () => {
    const { rows, silent } = decode([
      ev(1, 'Balances', 'Transfer', C, subnetAccount(4), 9_900),
      ev(1, 'SubtensorModule', 'StakeAdded', C, H, 9_900, 5_000, 4, 30),
      ev(1, 'Balances', 'Transfer', C, R, 100),
      ev(1, 'LimitOrders', 'OrderExecuted', ORDER, C, 4, 'LimitBuy', 9_900, 5_000),
    ]);
    expect(silent).toEqual([]);
    expect(rows.map((r) => r.kind)).toEqual(['StakeAdded', 'OrderExecuted']);
    expect(rows[1]).toMatchObject({ hotkey: H, netuid: 4, tao: 9_900n, alpha: 5_000n, fee: 100n, feeUnit: 'tao' });
  });

  it('execute_batched_orders: only OrderExecuted, the α moves silently', () => {
    const { rows, silent } = decode([
      ev(1, 'Balances', 'Transfer', C, R, 10_000),
      ev(1, 'LimitOrders', 'OrderExecuted', ORDER, C, 4, 'LimitBuy', 10_000, 5_100),
      ev(1, 'LimitOrders', 'OrderExecuted', ORDER, OTHER, 4, 'StopLoss', 2_000, 3_900),
      ev(1, 'LimitOrders', 'GroupExecutionSummary', 4, 'Buy', 8_000, 4_000, 2),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'OrderExecutedBatched',
      hotkey: null,
      netuid: 4,
      tao: 10_000n,
      alpha: 5_100n,
    });
    expect(silent).toEqual([
      { kind: 'OrderExecutedBatched', eventIndex: 1, netuid: 4, buy: true, alpha: 5_100n, tao: 10_000n },
    ]);
  });

  it('a batched sell: α in, net TAO out', () => {
    const { silent } = decode([
      ev(1, 'LimitOrders', 'OrderExecuted', ORDER, C, 4, 'TakeProfit', 7_000, 3_333),
      ev(1, 'LimitOrders', 'GroupExecutionSummary', 4, 'Sell', 7_000, 3_400, 1),
    ]);
    expect(silent).toEqual([
      { kind: 'OrderExecutedBatched', eventIndex: 0, netuid: 4, buy: false, alpha: 7_000n, tao: 3_333n },
    ]);
  });
});

describe('hotkey and coldkey swaps', () => {
  it('a swap of a hotkey the coldkey staked to moves its positions silently; the owner gets a row', () => {
    const nominator = decode([ev(1, 'SubtensorModule', 'HotkeySwapped', OTHER, H, H2)], { hotkeys: new Set([H]) });
    expect(nominator.rows).toEqual([]);
    expect(nominator.silent).toEqual([
      { kind: 'HotkeySwapped', eventIndex: 0, oldHotkey: H, newHotkey: H2, netuid: null },
    ]);
    const owner = decode([ev(1, 'SubtensorModule', 'HotkeySwappedOnSubnet', C, H, H2, 9)]);
    expect(owner.rows[0]).toMatchObject({ kind: 'HotkeySwappedOnSubnet', hotkey: H, destHotkey: H2, netuid: 9 });
    expect(owner.silent).toEqual([]);
    expect(decode([ev(1, 'SubtensorModule', 'HotkeySwapped', OTHER, H, H2)]).silent).toEqual([]);
  });

  it('a coldkey swap names the new coldkey and the free TAO that moved, seen from either side', () => {
    for (const coldkey of [C, D]) {
      const { rows, silent } = decode(
        [ev(1, 'Balances', 'Transfer', C, D, 385_424_667_207), ev(1, 'SubtensorModule', 'ColdkeySwapped', C, D)],
        { coldkey },
      );
      expect(rows[0]).toMatchObject({
        kind: 'ColdkeySwapped',
        coldkey: C,
        counterpartyColdkey: D,
        tao: 385_424_667_207n,
      });
      expect(silent).toEqual([{ kind: 'ColdkeySwapped', eventIndex: 1, oldColdkey: C, newColdkey: D }]);
    }
  });
});

describe('subnet dissolution', () => {
  it('collects the payouts from the subnet account to the coldkey', () => {
    const events = [
      ev(3, 'Balances', 'Transfer', subnetAccount(5), C, 700),
      ev(3, 'Balances', 'Transfer', subnetAccount(5), OTHER, 999),
      ev(3, 'Balances', 'Transfer', subnetAccount(6), C, 5),
      ev(3, 'Balances', 'Transfer', subnetAccount(5), C, 300),
      ev(3, 'SubtensorModule', 'NetworkRemoved', 5),
    ];
    expect(decode(events, { netuids: new Set([5]) }).silent).toEqual([
      { kind: 'NetworkRemoved', eventIndex: 4, netuid: 5, payouts: [700n, 300n] },
    ]);
    expect(decode(events, { netuids: new Set([6]) }).silent).toEqual([]);
  });
});

describe('add_stake_burn', () => {
  it('is attributed to the coldkey of the StakeAdded before it', () => {
    const events = [
      ev(1, 'SubtensorModule', 'StakeAdded', C, H, 1_000, 50, 6, 3),
      ev(1, 'SubtensorModule', 'AlphaBurned', C, H, 50, 6),
      ev(1, 'SubtensorModule', 'AddStakeBurn', 6, H, 1_000, 50),
    ];
    expect(decode(events).rows.map((r) => [r.kind, r.tao, r.alpha])).toEqual([
      ['StakeAdded', 1_000n, 50n],
      ['AlphaBurned', 0n, 50n],
      ['AddStakeBurn', 1_000n, 50n],
    ]);
    expect(decode(events, { coldkey: OTHER }).rows).toEqual([]);
  });
});

describe('root-claim transfers (spec ≥ 411)', () => {
  it('takes the subnet → root transfers after the previous claim of the same phase', () => {
    const { claims } = decode([
      ev('initialization', 'Balances', 'Transfer', subnetAccount(3), subnetAccount(0), 111),
      ev('initialization', 'SubtensorModule', 'RootClaimed', OTHER),
      ev('initialization', 'Balances', 'Transfer', subnetAccount(3), subnetAccount(0), 222),
      ev('initialization', 'Balances', 'Transfer', subnetAccount(5), subnetAccount(0), 333),
      ev('initialization', 'SubtensorModule', 'RootClaimed', C),
    ]);
    expect(claims).toHaveLength(1);
    expect(claims[0]!.eventIndex).toBe(4);
    expect(claims[0]!.transfers.map((t) => [subnetOfAccount(t.from), t.amount])).toEqual([
      [3, 222n],
      [5, 333n],
    ]);
  });
});
