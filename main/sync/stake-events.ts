// Turns one block's System.Events (decoded with that block's own runtime) into the stake_events
// rows of a coldkey, plus references to the events that moved its α without a stake event and the
// TAO transfers sync needs to price them. Amounts stay exactly as the event carries them (bigint);
// what each kind means for the ledger is written up in docs/chain/mechanics.md.
import type { Registry } from '@polkadot/types/types';
import type { Codec } from '@polkadot/types-codec/types';
import { hexToU8a } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { removeFeeUnit } from '../../shared/engine/runtime';
import { ChainError } from '../chain/client';
import { assertKnownShapes } from './event-shapes';
import {
  baseRow,
  big,
  num,
  ss58,
  type BlockEvents,
  type DecodeContext,
  type DecodedEvent,
  type StakeEventRow,
} from './event-types';
import { basketRowOf, isBasketEvent } from './basket-events';
import { mechanicsOf } from './mechanics';
import { scanEvents, type ScannedEvent } from './event-scan';
import { metadataPallets } from './metadata-pallets';

export type {
  BlockEvents,
  ClaimTransfers,
  DecodeContext,
  DecodedEvent,
  EventPhase,
  FeeUnit,
  SilentRef,
  StakeEventRow,
  TransferRef,
} from './event-types';

const eventsTypes = new WeakMap<Registry, number>();

/** The lookup type id of System.Events in this runtime's metadata. */
function eventsTypeId(registry: Registry): number {
  const hit = eventsTypes.get(registry);
  if (hit !== undefined) return hit;
  const system = metadataPallets(registry).find((p) => p.name.toString() === 'System');
  const item = system?.storage.isSome
    ? system.storage.unwrap().items.find((i) => i.name.toString() === 'Events')
    : undefined;
  if (!item) throw new ChainError('malformed', 'This runtime has no System.Events storage in its metadata.');
  const id = item.type.asPlain.toNumber();
  eventsTypes.set(registry, id);
  return id;
}

/**
 * Decodes System.Events with the block's own runtime, refusing runtimes that changed a relied-on
 * event. Every record is checked against the runtime's types (and the records must be exactly the
 * bytes); an event's fields are decoded when first read (event-scan.ts).
 */
export function decodeEvents(
  registry: Registry,
  raw: string | null,
  blockNumber: number,
  specVersion: number,
): DecodedEvent[] {
  if (!raw) return [];
  assertKnownShapes(registry, specVersion);
  const bytes = hexToU8a(raw);
  let records: ScannedEvent[];
  try {
    records = scanEvents(registry, eventsTypeId(registry), bytes);
  } catch (error) {
    if (error instanceof ChainError) throw error;
    throw new ChainError('malformed', `Cannot decode the events of block ${blockNumber}: ${(error as Error).message}`);
  }
  return records.map((r, index) => {
    const phase = r.phase === 'apply' ? r.extrinsicIndex! : r.phase;
    const event = () => {
      const slice = bytes.subarray(r.start, r.end);
      const codec = registry.createType('Event', slice) as unknown as {
        data: Codec[] & { toJSON(): unknown };
        encodedLength: number;
      };
      if (codec.encodedLength !== slice.length)
        throw new ChainError(
          'malformed',
          `Event ${index} of block ${blockNumber} does not decode to exactly its bytes.`,
        );
      return codec.data;
    };
    return new Decoded(index, r.extrinsicIndex, phase, r.section, r.method, event, bytes, r.start + 2);
  });
}

/**
 * One event record; its fields are decoded when first read, and its JSON (the stored row's `raw`)
 * made when first asked for. Only the few events sync reads the fields of need them: decoding every
 * event of every change block as @polkadot/types objects was most of sync's event decoding, and
 * making the JSON of each (an ss58 checksum per account in it) about a third of it (bench:sync profiles).
 */
class Decoded implements DecodedEvent {
  #codec: (Codec[] & { toJSON(): unknown }) | null = null;
  #data: Codec[] | null = null;
  #json: unknown;
  constructor(
    readonly index: number,
    readonly extrinsicIndex: number | null,
    readonly phase: DecodedEvent['phase'],
    readonly section: string,
    readonly method: string,
    private readonly decode: () => Codec[] & { toJSON(): unknown },
    /** the block's events bytes, and where this event's fields start (after pallet and variant index) */
    private readonly bytes: Uint8Array,
    private readonly fieldsAt: number,
  ) {}
  firstAccountIs(publicKey: Uint8Array): boolean {
    const at = this.fieldsAt;
    if (at + 32 > this.bytes.length) return false;
    for (let i = 0; i < 32; i++) if (this.bytes[at + i] !== publicKey[i]) return false;
    return true;
  }
  get #fields(): Codec[] & { toJSON(): unknown } {
    return (this.#codec ??= this.decode());
  }
  get data(): Codec[] {
    return (this.#data ??= [...this.#fields]);
  }
  get json(): unknown {
    if (this.#json === undefined) this.#json = this.#fields.toJSON();
    return this.#json;
  }
}

/** The events stakeEventsOf reads itself (basket-era ones go to basketRowOf). */
const STAKE_KINDS = new Set([
  'StakeAdded',
  'StakeRemoved',
  'StakeMoved',
  'StakeTransferred',
  'StakeSwapped',
  'AlphaRecycled',
  'AlphaBurned',
  'SubnetLeaseDividendsDistributed',
  'AutoStakeAdded',
]);

const publicKeys = new Map<string, Uint8Array>();
function publicKeyOf(address: string): Uint8Array {
  let key = publicKeys.get(address);
  if (!key) {
    if (publicKeys.size > 1_000) publicKeys.clear();
    publicKeys.set(address, (key = decodeAddress(address)));
  }
  return key;
}

/**
 * Rows for every stake event of a block of runtime `specVersion` that concerns the coldkey.
 * StakeTransferred is kept in both directions (the destination coldkey is `counterpartyColdkey`);
 * RootClaimed is kept so sync can attach the derived payouts. Pre-dTAO StakeAdded(hotkey, amount) has
 * no coldkey and is skipped. The mechanics of runtimes 397–424 are added by mechanicsOf.
 */
export function stakeEventsOf(events: DecodedEvent[], ctx: DecodeContext, specVersion: number): BlockEvents {
  const { coldkey } = ctx;
  const rows: StakeEventRow[] = [];
  const publicKey = publicKeyOf(coldkey);
  for (const e of events) {
    if (e.section !== 'subtensorModule') continue;
    const kind = e.method;
    // Most stake events of a change block are other accounts': their first field (the coldkey, or
    // the hotkey before dTAO) is compared as bytes, and only the coldkey's are decoded.
    if ((kind === 'StakeAdded' || kind === 'StakeRemoved') && !e.firstAccountIs(publicKey)) continue;
    if (!STAKE_KINDS.has(kind) && !isBasketEvent(kind)) continue;
    const d = e.data;
    switch (kind) {
      case 'StakeAdded':
      case 'StakeRemoved': {
        if (d.length < 5 || ss58(d[0]) !== coldkey) break; // pre-dTAO (hotkey, amount)
        const hasFee = d.length >= 6;
        rows.push({
          ...baseRow(e, kind, coldkey),
          hotkey: ss58(d[1]),
          tao: big(d[2]),
          alpha: big(d[3]),
          netuid: num(d[4]),
          fee: hasFee ? big(d[5]) : 0n,
          // A removal's fee is TAO before swap v3 (docs/chain/fees.md).
          feeUnit: hasFee ? (e.method === 'StakeAdded' ? 'tao' : removeFeeUnit(specVersion)) : null,
        });
        break;
      }
      case 'StakeMoved':
        if (ss58(d[0]) !== coldkey) break;
        rows.push({
          ...baseRow(e, kind, coldkey),
          hotkey: ss58(d[1]),
          netuid: num(d[2]),
          destHotkey: ss58(d[3]),
          destNetuid: num(d[4]),
          tao: big(d[5]),
        });
        break;
      case 'StakeTransferred': {
        const origin = ss58(d[0]);
        const dest = ss58(d[1]);
        if (origin !== coldkey && dest !== coldkey) break;
        rows.push({
          ...baseRow(e, kind, origin),
          counterpartyColdkey: dest,
          hotkey: ss58(d[2]),
          netuid: num(d[3]),
          destNetuid: num(d[4]),
          tao: big(d[5]),
        });
        break;
      }
      case 'StakeSwapped':
        if (ss58(d[0]) !== coldkey) break;
        rows.push({
          ...baseRow(e, kind, coldkey),
          hotkey: ss58(d[1]),
          netuid: num(d[2]),
          destNetuid: num(d[3]),
          tao: big(d[4]),
        });
        break;
      case 'AlphaRecycled':
      case 'AlphaBurned':
        if (ss58(d[0]) !== coldkey) break;
        rows.push({ ...baseRow(e, kind, coldkey), hotkey: ss58(d[1]), alpha: big(d[2]), netuid: num(d[3]) });
        break;
      case 'SubnetLeaseDividendsDistributed':
        // {lease_id, contributor, alpha} (≥361): names the StakeAdded before it as a lease dividend
        // (docs/chain/events.md#lease-dividends); it has no hotkey or subnet of its own.
        if (ss58(d[1]) !== coldkey) break;
        rows.push({ ...baseRow(e, kind, coldkey), alpha: big(d[2]) });
        break;
      case 'AutoStakeAdded':
        // {netuid, destination, hotkey, owner, incentive} (≥315): a miner's incentive staked to the
        // owner's auto-stake destination, in the epoch's block initialisation. The α is the owner's
        // on (destination, netuid); the miner hotkey stays in the raw event
        // (docs/chain/emissions.md#miner-incentive-auto-staked).
        if (ss58(d[3]) !== coldkey) break;
        rows.push({ ...baseRow(e, kind, coldkey), hotkey: ss58(d[1]), netuid: num(d[0]), alpha: big(d[4]) });
        break;
      default: {
        // RootClaimed and the basket era's events
        const row = basketRowOf(e, coldkey);
        if (row) rows.push(row);
      }
    }
  }
  const more = mechanicsOf(events, ctx, rows);
  rows.push(...more.rows);
  rows.sort((a, b) => a.eventIndex - b.eventIndex);
  return { rows, silent: more.silent, claims: more.claims };
}
