// Turns one block's System.Events (decoded with that block's own runtime) into the stake_events
// rows of a coldkey. Amounts stay exactly as the event carries them (bigint); the accounting
// engine applies the per-runtime gross/net/fee semantics (facts §9D/§9E).
import type { Registry } from '@polkadot/types/types';
import type { Codec } from '@polkadot/types-codec/types';
import { hexToU8a } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import type { StakeEventFact } from '../../shared/facts';
import { CHAIN_EVENT_KINDS, isIdOf } from '../../shared/vocab';
import { ChainError } from '../chain/client';

interface DecodedEvent {
  index: number;
  extrinsicIndex: number | null;
  section: string;
  method: string;
  data: Codec[];
  json: unknown;
}

const eventsTypes = new WeakMap<Registry, string>();

function eventsType(registry: Registry): string {
  const hit = eventsTypes.get(registry);
  if (hit) return hit;
  const pallets = (
    registry.metadata as unknown as {
      pallets: {
        name: { toString(): string };
        storage: {
          isSome: boolean;
          unwrap(): { items: { name: { toString(): string }; type: { asPlain: { toNumber(): number } } }[] };
        };
      }[];
    }
  ).pallets;
  const system = pallets.find((p) => p.name.toString() === 'System');
  const item = system?.storage.isSome
    ? system.storage.unwrap().items.find((i) => i.name.toString() === 'Events')
    : undefined;
  if (!item) throw new ChainError('malformed', 'This runtime has no System.Events storage in its metadata.');
  const type = registry.createLookupType(item.type.asPlain.toNumber());
  eventsTypes.set(registry, type);
  return type;
}

export function decodeEvents(registry: Registry, raw: string | null, blockNumber: number): DecodedEvent[] {
  if (!raw) return [];
  let records: Codec[];
  try {
    records = registry.createType(eventsType(registry), hexToU8a(raw)) as unknown as Codec[];
  } catch (error) {
    throw new ChainError('malformed', `Cannot decode the events of block ${blockNumber}: ${(error as Error).message}`);
  }
  return [...records].map((record, index) => {
    const r = record as unknown as {
      phase: { isApplyExtrinsic: boolean; asApplyExtrinsic: { toNumber(): number } };
      event: { section: string; method: string; data: Codec[] & { toJSON(): unknown } };
    };
    return {
      index,
      extrinsicIndex: r.phase.isApplyExtrinsic ? r.phase.asApplyExtrinsic.toNumber() : null,
      section: r.event.section,
      method: r.event.method,
      data: [...r.event.data],
      json: r.event.data.toJSON(),
    };
  });
}

const ss58Cache = new Map<string, string>();
const ss58 = (c: Codec | undefined): string => {
  const hex = c!.toHex();
  let address = ss58Cache.get(hex);
  if (!address) {
    if (ss58Cache.size > 50_000) ss58Cache.clear();
    ss58Cache.set(hex, (address = encodeAddress(c!.toU8a(), 42)));
  }
  return address;
};
const big = (c: Codec | undefined): bigint => {
  if (!c) return 0n;
  const v = c as unknown as { toBigInt?: () => bigint; unwrap?: () => Codec };
  if (v.toBigInt) return v.toBigInt();
  if (v.unwrap) return big(v.unwrap());
  return BigInt(c.toString());
};
const num = (c: Codec | undefined): number => Number(big(c));

/**
 * Rows for every event of `block` that changes `coldkey`'s stake. StakeTransferred is kept in both
 * directions (the destination coldkey is `counterpartyColdkey`); RootClaimed is kept so sync can
 * attach the derived payouts. Pre-dTAO StakeAdded(hotkey, amount) has no coldkey and is skipped.
 */
export function stakeEventsOf(events: DecodedEvent[], coldkey: string): StakeEventFact[] {
  const rows: StakeEventFact[] = [];
  for (const e of events) {
    if (
      e.section !== 'subtensorModule' &&
      e.section !== 'transactionPayment' &&
      e.section !== 'subtensorTransactionFee'
    )
      continue;
    const kind = e.method;
    if (!isIdOf(CHAIN_EVENT_KINDS, kind)) continue;
    const d = e.data;
    const base = {
      extrinsicIndex: e.extrinsicIndex,
      eventIndex: e.index,
      kind,
      raw: JSON.stringify({ section: e.section, method: e.method, data: e.json }),
    };
    const none = {
      counterpartyColdkey: null,
      destHotkey: null,
      destNetuid: null,
      tao: 0n,
      alpha: 0n,
      fee: 0n,
      feeUnit: null,
    };
    switch (kind) {
      case 'StakeAdded':
      case 'StakeRemoved': {
        if (d.length < 5) break; // pre-dTAO (hotkey, amount)
        if (ss58(d[0]) !== coldkey) break;
        const hasFee = d.length >= 6;
        rows.push({
          ...base,
          ...none,
          coldkey,
          hotkey: ss58(d[1]),
          tao: big(d[2]),
          alpha: big(d[3]),
          netuid: num(d[4]),
          fee: hasFee ? big(d[5]) : 0n,
          feeUnit: hasFee ? (e.method === 'StakeAdded' ? 'tao' : 'alpha') : null,
        });
        break;
      }
      case 'StakeMoved': {
        if (ss58(d[0]) !== coldkey) break;
        rows.push({
          ...base,
          ...none,
          coldkey,
          hotkey: ss58(d[1]),
          netuid: num(d[2]),
          destHotkey: ss58(d[3]),
          destNetuid: num(d[4]),
          tao: big(d[5]),
        });
        break;
      }
      case 'StakeTransferred': {
        const origin = ss58(d[0]);
        const dest = ss58(d[1]);
        if (origin !== coldkey && dest !== coldkey) break;
        rows.push({
          ...base,
          ...none,
          coldkey: origin,
          counterpartyColdkey: dest,
          hotkey: ss58(d[2]),
          netuid: num(d[3]),
          destNetuid: num(d[4]),
          tao: big(d[5]),
        });
        break;
      }
      case 'StakeSwapped': {
        if (ss58(d[0]) !== coldkey) break;
        rows.push({
          ...base,
          ...none,
          coldkey,
          hotkey: ss58(d[1]),
          netuid: num(d[2]),
          destNetuid: num(d[3]),
          tao: big(d[4]),
        });
        break;
      }
      case 'AlphaRecycled':
      case 'AlphaBurned': {
        if (ss58(d[0]) !== coldkey) break;
        rows.push({ ...base, ...none, coldkey, hotkey: ss58(d[1]), alpha: big(d[2]), netuid: num(d[3]) });
        break;
      }
      case 'RootClaimed': {
        if (ss58(d[0]) !== coldkey) break;
        rows.push({ ...base, ...none, coldkey, hotkey: null, netuid: null });
        break;
      }
      case 'TransactionFeePaidWithAlpha': {
        // {who, alpha_fee, tao_amount} at 397–410; {who, netuid, alpha_fee, tao_amount} from 411.
        if (ss58(d[0]) !== coldkey) break;
        const withNetuid = d.length >= 4;
        rows.push({
          ...base,
          ...none,
          coldkey,
          hotkey: null,
          netuid: withNetuid ? num(d[1]) : null,
          alpha: big(d[withNetuid ? 2 : 1]),
          tao: big(d[withNetuid ? 3 : 2]),
          fee: big(d[withNetuid ? 2 : 1]),
          feeUnit: 'alpha',
        });
        break;
      }
    }
  }
  return rows;
}
