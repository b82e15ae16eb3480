/**
 * Turns chain values into SCALE with a given runtime's own types: storage values, System.Events
 * (Vec<EventRecord>, encoded by hand around per-field createType so each runtime's variant indices
 * and field lists apply) and runtime-API results.
 */
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { Chain } from '../chain/chain.js';
import type { ItemName } from './keys.js';
import { ITEMS } from './keys.js';
import type { Runtime } from './runtime.js';
import { SafeFloat } from '../chain/safe-float.js';
import type { LockState } from '../chain/locks.js';
import type { Lease } from '../chain/leases.js';

/** ExtraFlags with the new-logic bit (1 << 127) */
const ACCOUNT_FLAGS = 1n << 127n;

/** Maps a devnet JS value to the createType input of the item's runtime type (exported for tests). */
export function storageInput(item: ItemName, value: unknown): unknown {
  if (item === 'SystemAccount') {
    const a = value as { nonce: number; free: bigint };
    return {
      nonce: a.nonce,
      consumers: 0,
      providers: 1,
      sufficients: 0,
      data: { free: a.free, reserved: 0, frozen: 0, flags: ACCOUNT_FLAGS },
    };
  }
  // U64F64 share values are kept as raw bits
  if (item === 'Alpha' || item === 'TotalHotkeyShares') return { bits: value };
  if (value instanceof SafeFloat) return value.toJson();
  if (item === 'BasketRate' || item === 'BasketTwr' || item === 'SubnetLeaseShares') return { bits: value };
  if (item === 'SubnetLeases') {
    const l = value as Lease;
    const lease = { beneficiary: l.beneficiary, coldkey: l.coldkey, hotkey: l.hotkey, netuid: l.netuid };
    return { ...lease, emissionsShare: l.emissionsShare, endBlock: null, cost: l.raised };
  }
  // A subnet's identity holds its name (runtimes from 315); the devnet leaves the other fields empty.
  if (item === 'SubnetIdentitiesV3') {
    const empty = ['githubRepo', 'subnetContact', 'subnetUrl', 'discord', 'description', 'logoUrl', 'additional'];
    return { subnetName: u8aToHex(stringToU8a(value as string)), ...Object.fromEntries(empty.map((f) => [f, '0x'])) };
  }
  if (item === 'MinerCollateral') {
    const m = value as { locked: bigint };
    return { locked: m.locked, drainRatio: { bits: 0n }, minLocked: 0n, earned: 0n };
  }
  if (item === 'Lock') {
    const l = value as LockState;
    return { lockedMass: l.lockedMass, conviction: { bits: l.conviction }, lastUpdate: l.lastUpdate };
  }
  return value;
}

const hexEncoders = new WeakMap<Runtime, Map<ItemName, ((value: unknown) => string) | null>>();

export function encodeStorage(rt: Runtime, chain: Chain, item: ItemName, value: unknown, block: number): string | null {
  if (item === 'SystemEvents') return u8aToHex(encodeEvents(rt, chain, block));
  let byItem = hexEncoders.get(rt);
  if (!byItem) hexEncoders.set(rt, (byItem = new Map()));
  let enc = byItem.get(item);
  if (enc === undefined) byItem.set(item, (enc = rt.storageHexEncoder(ITEMS[item].pallet, ITEMS[item].item)));
  return enc ? enc(storageInput(item, value)) : null;
}

function phaseBytes(phase: number | null): Uint8Array {
  if (phase === null) return new Uint8Array([2]); // Initialization
  const b = new Uint8Array(5);
  b[0] = 0; // ApplyExtrinsic(u32)
  new DataView(b.buffer).setUint32(1, phase, true);
  return b;
}

function dispatchInfo(mandatory: boolean) {
  return {
    weight: { refTime: mandatory ? 5_000_000 : 180_000_000, proofSize: mandatory ? 1493 : 4_000 },
    class: mandatory ? 'Mandatory' : 'Normal',
    paysFee: 'Yes',
  };
}

export function encodeEvents(rt: Runtime, chain: Chain, block: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let count = 0;
  for (const { phase, event } of chain.eventsOf(block)) {
    let ev: Uint8Array | null;
    if (event === 'success') {
      ev = rt.encodeEvent('System', 'ExtrinsicSuccess', [dispatchInfo(phase === 0)]);
    } else if (event === 'failed') {
      ev = rt.encodeEvent('System', 'ExtrinsicFailed', ['Other', dispatchInfo(false)]);
    } else {
      ev = rt.encodeEvent(event.pallet, event.name, event.args);
    }
    // An event unknown to this runtime would shift every later index: fail loudly instead.
    if (!ev)
      throw new Error(
        `spec ${rt.spec} has no event ${typeof event === 'string' ? event : `${event.pallet}.${event.name}`}`,
      );
    parts.push(phaseBytes(phase), ev, new Uint8Array([0]));
    count++;
  }
  return u8aConcat(compactToU8a(count), ...parts);
}
