// Basket-era events (runtimes 455 and 475, real finney metadata) through the app's decoder. Each
// record is SCALE-encoded here with @polkadot/types only (pallet and variant index, every field from
// the metadata's own types), not with the app's or the devnet's code; decodeEvents must give back
// every field, stakeEventsOf the rows and silent references of the coldkey, and the shape check must
// know every event sync interprets. Variant indices are those of docs/chain/baskets.md and events.md.
import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types-codec/types';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { encodeAddress, sha256AsU8a } from '@polkadot/util-crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { unknownShapes } from './event-shapes';
import { metadataPallets } from './metadata-pallets';
import { subnetAccount } from './mechanics';
import { decodeEvents, stakeEventsOf, type StakeEventRow } from './stake-events';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES: Record<number, string> = {
  455: 'finney_spec455_metadata_v16.scale',
  475: 'finney_spec475_metadata_v14.scale',
};

/** The real metadata: $SUBTENSOR_METADATA_DIR's original file when set, else the vendored gzip copy. */
function metadataBytes(spec: number): Uint8Array {
  const dir = process.env['SUBTENSOR_METADATA_DIR'];
  const original = dir ? join(dir, FILES[spec]!) : null;
  if (original && existsSync(original)) return new Uint8Array(readFileSync(original));
  return new Uint8Array(gunzipSync(readFileSync(join(ROOT, 'devnet/metadata', `${FILES[spec]!}.gz`))));
}
const provenance = JSON.parse(readFileSync(join(ROOT, 'devnet/metadata/provenance.json'), 'utf8')) as {
  files: { file: string; rawSha256: string }[];
};

interface Variant {
  index: number;
  fields: { name: string; type: string }[];
}

function runtime(spec: number) {
  const bytes = metadataBytes(spec);
  const registry = new TypeRegistry();
  registry.setMetadata(new Metadata(registry, bytes));
  const pallets = metadataPallets(registry);
  const variants = new Map<string, Variant & { pallet: number }>();
  for (const p of pallets) {
    if (!p.events.isSome) continue;
    const def = registry.lookup.getSiType(p.events.unwrap().type.toNumber()).def as unknown as {
      asVariant: {
        variants: {
          name: { toString(): string };
          index: { toNumber(): number };
          fields: { name: { isSome: boolean; unwrap(): { toString(): string } }; type: { toNumber(): number } }[];
        }[];
      };
    };
    for (const v of def.asVariant.variants)
      variants.set(`${p.name.toString()}.${v.name.toString()}`, {
        pallet: p.index.toNumber(),
        index: v.index.toNumber(),
        fields: v.fields.map((f) => ({
          name: f.name.isSome ? f.name.unwrap().toString() : '',
          type: registry.createLookupType(f.type.toNumber()),
        })),
      });
  }
  return { registry, variants, sha: u8aToHex(sha256AsU8a(bytes)).slice(2) };
}

type Phase = number | 'initialization' | 'finalization';
interface Built {
  phase: Phase;
  name: string;
  values: unknown[];
}

/** System.Events bytes of `events`, each field encoded with its metadata type by @polkadot/types. */
function encode(rt: ReturnType<typeof runtime>, events: readonly Built[]): string {
  const records = events.map((e) => {
    const v = rt.variants.get(e.name);
    if (!v) throw new Error(`no event ${e.name}`);
    expect(v.fields.length, e.name).toBe(e.values.length);
    const phase =
      e.phase === 'finalization'
        ? new Uint8Array([1])
        : e.phase === 'initialization'
          ? new Uint8Array([2])
          : u8aConcat(new Uint8Array([0]), rt.registry.createType('u32', e.phase).toU8a());
    const fields = v.fields.map((f, i) => rt.registry.createType(f.type, e.values[i]).toU8a());
    return u8aConcat(phase, new Uint8Array([v.pallet, v.index]), ...fields, new Uint8Array([0]));
  });
  return u8aToHex(u8aConcat(compactToU8a(records.length), ...records));
}

const account = (n: number) => encodeAddress(new Uint8Array(32).fill(n), 42);
const COLD = account(1);
const OTHER = account(2);
const HOT = account(3);
const HOT2 = account(4);
// Amounts above 2^53 check that nothing goes through a float.
const BIG = 18_000_000_000_000_000_123n;
const TAO = 9_007_199_254_740_993n;

/** Every basket-era event sync may meet, with the variant index metadata 475 gives it. */
function basketEvents(spec: number): (Built & { index: number })[] {
  const all: (Built & { index: number; from?: number })[] = [
    { phase: 'initialization', name: 'SubtensorModule.BasketDeposited', values: [HOT, TAO, BIG], index: 116 },
    { phase: 1, name: 'Balances.Transfer', values: [COLD, subnetAccount(12), 7_000_000n], index: -1 },
    { phase: 1, name: 'SubtensorModule.BasketStakedIn', values: [HOT, COLD, TAO, TAO - 5n, BIG], index: 117 },
    { phase: 1, name: 'SubtensorModule.BetaBaselineStamped', values: [HOT], index: 147 },
    { phase: 2, name: 'SubtensorModule.BasketAlphaWrittenOff', values: [HOT, 300, BIG], index: 148 },
    {
      phase: 2,
      name: 'SubtensorModule.BasketClaimDustSkipped',
      values: [HOT, COLD, 4_000_000_000, 99_999n],
      index: 152,
      from: 468,
    },
    { phase: 2, name: 'SubtensorModule.BasketClaimed', values: [HOT, COLD, TAO], index: 118 },
    { phase: 2, name: 'SubtensorModule.RootClaimed', values: [COLD, TAO + 1n], index: 115 },
    {
      phase: 3,
      name: 'SubtensorModule.StakeAndHotkeyTransferred',
      values: [COLD, OTHER, HOT, HOT2, 12, 300, BIG],
      index: 143,
    },
    { phase: 4, name: 'SubtensorModule.StakeRemoved', values: [COLD, HOT, 1_234n, 5_678n, 12, 0n], index: 3 },
    { phase: 4, name: 'SubtensorModule.CollateralLocked', values: [12, HOT, BIG, BIG + 1n], index: 144 },
    { phase: 4, name: 'SubtensorModule.TransactionFeePaidWithAlpha', values: [COLD, 12, 5_678n, 1_234n], index: 128 },
    {
      phase: 5,
      name: 'SubtensorModule.BasketSwapped',
      values: [HOT, 12, 0, BIG, TAO, BIG - 1n],
      index: 151,
      from: 456,
    },
    { phase: 6, name: 'SubtensorModule.NetworkRemoved', values: [12], index: 1 },
    { phase: 'finalization', name: 'SubtensorModule.BasketHoldingConverted', values: [HOT, 12, TAO], index: 119 },
    { phase: 'finalization', name: 'Balances.Transfer', values: [subnetAccount(12), COLD, TAO], index: -1 },
    { phase: 'finalization', name: 'SubtensorModule.NetworkDissolveCleanupCompleted', values: [12], index: 126 },
    {
      phase: 'initialization',
      name: 'SubtensorModule.SharePoolDenominatorReconciled',
      values: [HOT, 12],
      index: 150,
      from: 464,
    },
  ];
  return all.filter((e) => (e.from ?? 0) <= spec);
}

/** What @polkadot/types itself decodes the bytes into (the expected raw JSON of each record). */
function pjsRecords(rt: ReturnType<typeof runtime>, hex: string) {
  return [
    ...(rt.registry.createType('Vec<FrameSystemEventRecord>', hex) as unknown as {
      event: { section: string; method: string; data: Codec[] & { toJSON(): unknown } };
    }[]),
  ];
}

describe.each([455, 475])('basket-era events with the real %i metadata', (spec) => {
  const rt = runtime(spec);
  const events = basketEvents(spec);
  const hex = encode(rt, events);

  it('is the real finney metadata (provenance of the vendored copy)', () => {
    const entry = provenance.files.find((f) => f.file === `${FILES[spec]!}.gz`);
    expect(rt.sha).toBe(entry?.rawSha256);
  });

  it('has every Basket* event at its documented index, and the test builds all of them', () => {
    const basketNames = [...rt.variants.keys()].filter((n) => /^SubtensorModule\.Basket/.test(n)).sort();
    expect(basketNames).toEqual(
      events
        .map((e) => e.name)
        .filter((n) => /\.Basket/.test(n))
        .sort(),
    );
    for (const e of events)
      if (e.index >= 0) expect([e.name, rt.variants.get(e.name)!.index]).toEqual([e.name, e.index]);
  });

  it('decodes every field as encoded, and the shape check knows every event sync interprets', () => {
    expect(unknownShapes(rt.registry)).toEqual([]);
    const decoded = decodeEvents(rt.registry, hex, 100, spec);
    const pjs = pjsRecords(rt, hex);
    expect(decoded).toHaveLength(events.length);
    decoded.forEach((d, i) => {
      const e = events[i]!;
      const [pallet, method] = e.name.split('.') as [string, string];
      expect([d.index, d.section, d.method, d.phase, d.extrinsicIndex]).toEqual([
        i,
        pallet.charAt(0).toLowerCase() + pallet.slice(1),
        method,
        e.phase,
        typeof e.phase === 'number' ? e.phase : null,
      ]);
      expect(d.json).toEqual(pjs[i]!.event.data.toJSON());
      // field by field: accounts as SS58, numbers exactly
      const got = d.data.map((c, k) =>
        typeof e.values[k] === 'string' ? encodeAddress(c.toU8a(), 42) : BigInt(c.toString()),
      );
      expect([e.name, got]).toEqual([e.name, e.values.map((x) => (typeof x === 'string' ? x : BigInt(x as number)))]);
    });
  });

  it("gives the coldkey's rows with the events' amounts, and the settle transfer as a dissolution payout", () => {
    const decoded = decodeEvents(rt.registry, hex, 100, spec);
    const pjs = pjsRecords(rt, hex);
    const at = (name: string) => events.findIndex((e) => e.name === name);
    const raw = (i: number) =>
      JSON.stringify({
        section: pjs[i]!.event.section,
        method: pjs[i]!.event.method,
        data: pjs[i]!.event.data.toJSON(),
      });
    const row = (name: string, fields: Partial<StakeEventRow>): StakeEventRow => {
      const i = at(name);
      const e = events[i]!;
      return {
        extrinsicIndex: typeof e.phase === 'number' ? e.phase : null,
        eventIndex: i,
        kind: name.split('.')[1] as StakeEventRow['kind'],
        coldkey: COLD,
        counterpartyColdkey: null,
        hotkey: null,
        netuid: null,
        destHotkey: null,
        destNetuid: null,
        tao: 0n,
        alpha: 0n,
        fee: 0n,
        feeUnit: null,
        raw: raw(i),
        ...fields,
      };
    };
    const out = stakeEventsOf(decoded, { coldkey: COLD, hotkeys: new Set([HOT]), netuids: new Set([0, 12]) }, spec);
    const expected = [
      row('SubtensorModule.BasketStakedIn', { hotkey: HOT, netuid: 0, tao: TAO, alpha: BIG, fee: 5n, feeUnit: 'tao' }),
      ...(spec >= 468 ? [row('SubtensorModule.BasketClaimDustSkipped', { hotkey: HOT, netuid: 0, tao: 99_999n })] : []),
      row('SubtensorModule.BasketClaimed', { hotkey: HOT, netuid: 0, tao: TAO }),
      row('SubtensorModule.RootClaimed', { hotkey: COLD, netuid: 0, tao: TAO + 1n }),
      row('SubtensorModule.StakeAndHotkeyTransferred', {
        counterpartyColdkey: OTHER,
        hotkey: HOT,
        destHotkey: HOT2,
        netuid: 12,
        destNetuid: 300,
        tao: BIG,
      }),
      row('SubtensorModule.StakeRemoved', {
        hotkey: HOT,
        netuid: 12,
        tao: 1_234n,
        alpha: 5_678n,
        fee: 0n,
        feeUnit: 'alpha',
      }),
      row('SubtensorModule.TransactionFeePaidWithAlpha', {
        hotkey: HOT,
        netuid: 12,
        alpha: 5_678n,
        tao: 1_234n,
        fee: 5_678n,
        feeUnit: 'alpha',
      }),
    ];
    expect(out.rows).toEqual(expected);
    // NetworkRemoved of a subnet the coldkey held α on, then (from 475, in a block hook) the settle
    // transfer from the subnet's account: a payout of its positions there.
    expect(out.silent).toEqual([
      { kind: 'NetworkRemoved', eventIndex: at('SubtensorModule.NetworkRemoved'), netuid: 12, payouts: [] },
      {
        kind: 'NetworkRemoved',
        eventIndex: events.findLastIndex((e) => e.name === 'Balances.Transfer'),
        netuid: 12,
        payouts: [TAO],
      },
      ...(spec >= 464
        ? [
            {
              kind: 'SharePoolDenominatorReconciled',
              eventIndex: at('SubtensorModule.SharePoolDenominatorReconciled'),
              hotkey: HOT,
              netuid: 12,
            },
          ]
        : []),
    ]);
    // Another coldkey sees none of them.
    const other = stakeEventsOf(decoded, { coldkey: account(9), hotkeys: new Set(), netuids: new Set() }, spec);
    expect([other.rows, other.silent]).toEqual([[], []]);
  });
});
