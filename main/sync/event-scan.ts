// Splits a block's System.Events bytes into its records without decoding their fields
// (docs/chain/change-discovery.md#events-decoded-when-read): each record's phase, its pallet and
// variant, and where its bytes lie. The field types come from the runtime's own metadata (its
// portable type registry), compiled once per runtime into functions that step over a value's bytes.
// Sync reads the fields of few events (a change block has ~8, mostly fee and transfer events of
// other accounts): building every field as a @polkadot/types object was most of its event decoding.
import type { Registry } from '@polkadot/types/types';
import { stringCamelCase } from '@polkadot/util';
import { metadataPallets } from './metadata-pallets';

/** Given bytes and an offset at a value's start, the offset right after it (throws if it does not fit). */
type Skip = (u8: Uint8Array, at: number) => number;

/** One event record: its phase, names and the bytes of the event (pallet index, variant index, fields). */
export interface ScannedEvent {
  extrinsicIndex: number | null;
  phase: 'apply' | 'initialization' | 'finalization';
  section: string;
  method: string;
  start: number;
  end: number;
}

/** The SCALE compact integer at `at`: its value (below 2^53) and its length in bytes. */
function compactAt(u8: Uint8Array, at: number): { value: number; length: number } {
  const b = byteAt(u8, at);
  switch (b & 3) {
    case 0:
      return { value: b >> 2, length: 1 };
    case 1:
      return { value: (b | (byteAt(u8, at + 1) << 8)) >> 2, length: 2 };
    case 2:
      return { value: (b | (u8[at + 1]! << 8) | (u8[at + 2]! << 16) | (byteAt(u8, at + 3) << 24)) >>> 2, length: 4 };
    default: {
      const n = (b >> 2) + 4;
      if (n > 6) throw new Error('compact length out of range');
      let value = 0;
      for (let i = n; i >= 1; i--) value = value * 256 + byteAt(u8, at + i);
      return { value, length: 1 + n };
    }
  }
}

function byteAt(u8: Uint8Array, at: number): number {
  const b = u8[at];
  if (b === undefined) throw new Error('value runs past the end of the bytes');
  return b;
}

const fixed =
  (size: number): Skip =>
  (u8, at) =>
    within(u8, at + size);

const PRIMITIVE_SIZES: Record<string, number> = {
  Bool: 1,
  Char: 4,
  U8: 1,
  I8: 1,
  U16: 2,
  I16: 2,
  U32: 4,
  I32: 4,
  U64: 8,
  I64: 8,
  U128: 16,
  I128: 16,
  U256: 32,
  I256: 32,
};

interface SiDef {
  type: string;
  value: unknown;
}
interface Field {
  type: { toNumber(): number };
}
interface Variant {
  index: { toNumber(): number };
  name: { toString(): string };
  fields: Field[];
}

/** Skip functions per lookup type id, per registry (one runtime's metadata). */
const compiled = new WeakMap<Registry, Map<number, Skip>>();

function skipOf(registry: Registry, id: number): Skip {
  let cache = compiled.get(registry);
  if (!cache) compiled.set(registry, (cache = new Map()));
  const hit = cache.get(id);
  if (hit) return hit;
  // Recursive types refer to themselves: while this one is built, its entry forwards to the result.
  let inner: Skip | null = null;
  cache.set(id, (u8, at) => inner!(u8, at));
  const size = sizeOf(registry, id, new Set());
  inner = size === null ? build(registry, id) : fixed(size);
  cache.set(id, inner);
  return inner;
}

/** The encoded size of every value of type `id` when it is the same for all (accounts, hashes, integers), else null. */
function sizeOf(registry: Registry, id: number, seen: Set<number>): number | null {
  if (seen.has(id)) return null; // recursive: not of a fixed size
  seen.add(id);
  try {
    return fixedSizeOf(registry, id, seen);
  } finally {
    seen.delete(id);
  }
}

function fixedSizeOf(registry: Registry, id: number, seen: Set<number>): number | null {
  const def = registry.lookup.getSiType(id).def as unknown as SiDef;
  const sum = (ids: number[]): number | null => {
    let total = 0;
    for (const t of ids) {
      const size = sizeOf(registry, t, seen);
      if (size === null) return null;
      total += size;
    }
    return total;
  };
  switch (def.type) {
    case 'Composite':
      return sum((def.value as { fields: Field[] }).fields.map((f) => f.type.toNumber()));
    case 'Tuple':
      return sum((def.value as { toNumber(): number }[]).map((t) => t.toNumber()));
    case 'Array': {
      const { len, type } = def.value as { len: { toNumber(): number }; type: { toNumber(): number } };
      const item = sizeOf(registry, type.toNumber(), seen);
      return item === null ? null : item * len.toNumber();
    }
    case 'Primitive':
      return PRIMITIVE_SIZES[String(def.value)] ?? null;
    default:
      return null;
  }
}

/** A Vec<item>: a compact count, then the items (`size` bytes each when that is fixed). */
const sequence =
  (item: Skip, size: number | null): Skip =>
  (u8, at) => {
    const { value, length } = compactAt(u8, at);
    let next = at + length;
    if (size !== null) return within(u8, next + value * size);
    for (let i = 0; i < value; i++) next = item(u8, next);
    return next;
  };

function within(u8: Uint8Array, end: number): number {
  if (end > u8.length) throw new Error('value runs past the end of the bytes');
  return end;
}

/** The length of the SCALE compact integer at `at`, whatever its value. */
function compactLength(u8: Uint8Array, at: number): number {
  const b = byteAt(u8, at);
  const mode = b & 3;
  return within(u8, at + (mode === 0 ? 1 : mode === 1 ? 2 : mode === 2 ? 4 : 5 + (b >> 2))) - at;
}

const all = (parts: Skip[]): Skip =>
  parts.length === 1
    ? parts[0]!
    : (u8, at) => {
        let next = at;
        for (const part of parts) next = part(u8, next);
        return next;
      };

function build(registry: Registry, id: number): Skip {
  const def = registry.lookup.getSiType(id).def as unknown as SiDef;
  const of = (t: { toNumber(): number }) => skipOf(registry, t.toNumber());
  switch (def.type) {
    case 'Composite':
      return all((def.value as { fields: Field[] }).fields.map((f) => of(f.type)));
    case 'Tuple':
      return all((def.value as { toNumber(): number }[]).map(of));
    case 'Variant': {
      const variants = new Map<number, Skip>();
      for (const v of (def.value as { variants: Variant[] }).variants)
        variants.set(v.index.toNumber(), all(v.fields.map((f) => of(f.type))));
      return (u8, at) => {
        const index = byteAt(u8, at);
        const fields = variants.get(index);
        if (!fields) throw new Error(`unknown variant ${index} of type ${id}`);
        return fields(u8, at + 1);
      };
    }
    case 'Sequence': {
      const item = (def.value as { type: { toNumber(): number } }).type;
      return sequence(of(item), sizeOf(registry, item.toNumber(), new Set()));
    }
    case 'Array': {
      const { len, type } = def.value as { len: { toNumber(): number }; type: { toNumber(): number } };
      const item = of(type);
      const n = len.toNumber();
      return (u8, at) => {
        let next = at;
        for (let i = 0; i < n; i++) next = item(u8, next);
        return next;
      };
    }
    case 'Primitive': {
      const name = String(def.value);
      if (name === 'Str') return sequence(fixed(1), 1);
      const size = PRIMITIVE_SIZES[name];
      if (size === undefined) throw new Error(`unknown primitive ${name}`);
      return fixed(size);
    }
    case 'Compact':
      return (u8, at) => at + compactLength(u8, at);
    case 'BitSequence': {
      const store = registry.lookup.getSiType(
        (def.value as { bitStoreType: { toNumber(): number } }).bitStoreType.toNumber(),
      ).def as unknown as SiDef;
      const storeBytes = PRIMITIVE_SIZES[String(store.value)] ?? 1;
      return (u8, at) => {
        const { value, length } = compactAt(u8, at);
        return fixed(Math.ceil(value / (8 * storeBytes)) * storeBytes)(u8, at + length);
      };
    }
    default:
      throw new Error(`cannot step over a ${def.type} type`);
  }
}

interface RecordLayout {
  phase: Map<number, 'apply' | 'initialization' | 'finalization'>;
  skipPhase: Skip;
  skipEvent: Skip;
  skipTopics: Skip;
  /** Pallet index → its section name and its event variants' names by index. */
  names: Map<number, { section: string; methods: Map<number, string> }>;
}

const layouts = new WeakMap<Registry, Map<number, RecordLayout>>();

/** How the records of the Vec<EventRecord> with lookup id `eventsId` are laid out in this runtime. */
function layoutOf(registry: Registry, eventsId: number): RecordLayout {
  let cache = layouts.get(registry);
  if (!cache) layouts.set(registry, (cache = new Map()));
  const hit = cache.get(eventsId);
  if (hit) return hit;
  const lookup = registry.lookup;
  const seq = lookup.getSiType(eventsId).def as unknown as SiDef;
  if (seq.type !== 'Sequence') throw new Error('System.Events is not a sequence in this runtime');
  const recordId = (seq.value as { type: { toNumber(): number } }).type.toNumber();
  const record = lookup.getSiType(recordId).def as unknown as SiDef;
  const fields = (record.value as { fields: (Field & { name: { toString(): string } })[] }).fields;
  const field = (name: string) => {
    const f = fields.find((x) => x.name.toString() === name);
    if (!f) throw new Error(`EventRecord has no ${name} in this runtime`);
    return f.type.toNumber();
  };
  if (record.type !== 'Composite' || fields.length !== 3) throw new Error('EventRecord changed shape in this runtime');
  const phaseDef = lookup.getSiType(field('phase')).def as unknown as SiDef;
  const phase = new Map<number, 'apply' | 'initialization' | 'finalization'>();
  for (const v of (phaseDef.value as { variants: Variant[] }).variants) {
    const name = v.name.toString();
    const kind = name === 'ApplyExtrinsic' ? 'apply' : name === 'Initialization' ? 'initialization' : 'finalization';
    phase.set(v.index.toNumber(), kind);
  }
  const names = new Map<number, { section: string; methods: Map<number, string> }>();
  for (const p of metadataPallets(registry)) {
    if (!p.events.isSome) continue;
    const variants = (lookup.getSiType(p.events.unwrap().type.toNumber()).def as unknown as SiDef).value as {
      variants: Variant[];
    };
    names.set(p.index.toNumber(), {
      section: stringCamelCase(p.name.toString()),
      methods: new Map(variants.variants.map((v) => [v.index.toNumber(), v.name.toString()])),
    });
  }
  const layout: RecordLayout = {
    phase,
    skipPhase: skipOf(registry, field('phase')),
    skipEvent: skipOf(registry, field('event')),
    skipTopics: skipOf(registry, field('topics')),
    names,
  };
  cache.set(eventsId, layout);
  return layout;
}

/**
 * The records of `u8` (a Vec<EventRecord> of lookup type `eventsId`), which must be exactly its
 * bytes. Throws on any byte that does not fit the runtime's types.
 */
export function scanEvents(registry: Registry, eventsId: number, u8: Uint8Array): ScannedEvent[] {
  const layout = layoutOf(registry, eventsId);
  const { value: count, length } = compactAt(u8, 0);
  const out: ScannedEvent[] = [];
  let at = length;
  for (let i = 0; i < count; i++) {
    const kind = layout.phase.get(byteAt(u8, at));
    if (!kind) throw new Error(`unknown phase ${u8[at]}`);
    const extrinsicIndex =
      kind === 'apply'
        ? (u8[at + 1]! | (u8[at + 2]! << 8) | (u8[at + 3]! << 16) | (byteAt(u8, at + 4) << 24)) >>> 0
        : null;
    const start = layout.skipPhase(u8, at);
    const pallet = layout.names.get(byteAt(u8, start));
    const method = pallet?.methods.get(byteAt(u8, start + 1));
    if (!pallet || method === undefined) throw new Error(`unknown event [${u8[start]}, ${u8[start + 1]}]`);
    const end = layout.skipEvent(u8, start);
    at = layout.skipTopics(u8, end);
    out.push({ extrinsicIndex, phase: kind, section: pallet.section, method, start, end });
  }
  if (at !== u8.length) throw new Error(`${u8.length - at} bytes left after the last record`);
  return out;
}
