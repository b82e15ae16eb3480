// Storage keys built by hand (twox128(pallet) ‖ twox128(item) ‖ hashed args, hashers as in finney
// metadata, docs/chain/change-discovery.md#storage-keys) so they do not depend on which runtime the head happens to run, and raw
// little-endian decoders for the few values sync compares without a registry.
import { ChainError } from '../chain/client';
import { compactFromU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress, xxhashAsU8a } from '@polkadot/util-crypto';

type Hasher = 'Blake2_128Concat' | 'Twox64Concat' | 'Identity';

const prefixes = new Map<string, Uint8Array>();
export function itemPrefix(pallet: string, item: string): Uint8Array {
  const k = `${pallet}.${item}`;
  let p = prefixes.get(k);
  if (!p) prefixes.set(k, (p = u8aConcat(xxhashAsU8a(pallet, 128), xxhashAsU8a(item, 128))));
  return p;
}

function hashed(hasher: Hasher, data: Uint8Array): Uint8Array {
  if (hasher === 'Identity') return data;
  if (hasher === 'Twox64Concat') return u8aConcat(xxhashAsU8a(data, 64), data);
  return u8aConcat(blake2AsU8a(data, 128), data);
}

// Keys are rebuilt for every multi-key read: memoise the ss58 decoding (it dominates otherwise).
const accounts = new Map<string, Uint8Array>();
const account = (ss58: string): Uint8Array => {
  let u = accounts.get(ss58);
  if (!u) accounts.set(ss58, (u = decodeAddress(ss58)));
  return u;
};
const u16 = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff]);

/** Hash every part of a key: the slow path, run once per distinct key (see `memoised`). */
function key(pallet: string, item: string, ...parts: [Hasher, Uint8Array | string | number][]): string {
  const bytes = parts.map(([h, d]) =>
    hashed(h, typeof d === 'string' ? account(d) : typeof d === 'number' ? u16(d) : d),
  );
  return u8aToHex(u8aConcat(itemPrefix(pallet, item), ...bytes));
}

type Memo = Map<string | number, unknown>;
let memoised = 0;
const memoRoots: Memo[] = [];
/**
 * A key builder memoised on its raw arguments (ss58 strings, netuids) in nested maps: sync asks for
 * the same few thousand keys millions of times (every multi-key read and every decode of its
 * answer), and a lookup by the argument strings themselves needs no new string per call (a joined
 * memo string per call was a visible share of the sync's CPU). Bounded: all memos are dropped past
 * 200,000 keys.
 */
function memoisedKey<A extends (string | number)[]>(build: (...args: A) => string): (...args: A) => string {
  const root: Memo = new Map();
  memoRoots.push(root);
  // Only the declared arguments: a builder passed to map() also receives the index and the array.
  const arity = build.length;
  return (...args: A): string => {
    let m = root;
    const last = arity - 1;
    for (let i = 0; i < last; i++) {
      const a = args[i] as string | number;
      let next = m.get(a) as Memo | undefined;
      if (!next) m.set(a, (next = new Map()));
      m = next;
    }
    const a = last < 0 ? '' : (args[last] as string | number);
    let k = m.get(a) as string | undefined;
    if (k === undefined) {
      k = build(...(args.slice(0, arity) as A));
      if (++memoised > 200_000) {
        for (const r of memoRoots) r.clear();
        memoised = 1;
        m = root;
        for (let i = 0; i < last; i++) {
          const next: Memo = new Map();
          m.set(args[i] as string | number, next);
          m = next;
        }
      }
      m.set(a, k);
    }
    return k;
  };
}

export const keys = {
  systemEvents: memoisedKey(() => key('System', 'Events')),
  timestampNow: memoisedKey(() => key('Timestamp', 'Now')),
  systemNumber: memoisedKey(() => key('System', 'Number')),
  lastRuntimeUpgrade: memoisedKey(() => key('System', 'LastRuntimeUpgrade')),
  account: memoisedKey((cold: string) => key('System', 'Account', ['Blake2_128Concat', cold])),
  stakingHotkeys: memoisedKey((cold: string) => key('SubtensorModule', 'StakingHotkeys', ['Blake2_128Concat', cold])),
  lastStakeBlockPrefix: memoisedKey((cold: string) =>
    key('SubtensorModule', 'LastColdkeyHotkeyStakeBlock', ['Twox64Concat', cold]),
  ),
  lastStakeBlock: memoisedKey((cold: string, hot: string) =>
    key('SubtensorModule', 'LastColdkeyHotkeyStakeBlock', ['Twox64Concat', cold], ['Twox64Concat', hot]),
  ),
  alphaPrefix: memoisedKey((hot: string, cold: string) =>
    key('SubtensorModule', 'Alpha', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  ),
  alpha: memoisedKey((hot: string, cold: string, netuid: number) =>
    key('SubtensorModule', 'Alpha', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold], ['Identity', netuid]),
  ),
  alphaV2Prefix: memoisedKey((hot: string, cold: string) =>
    key('SubtensorModule', 'AlphaV2', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  ),
  /** Shares after the lazy V1→V2 migration (spec ≥ 397). */
  alphaV2: memoisedKey((hot: string, cold: string, netuid: number) =>
    key('SubtensorModule', 'AlphaV2', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold], ['Identity', netuid]),
  ),
  /** A hotkey's pool on a subnet: its α, and its share denominator (V1 U64F64 up to 472, V2 SafeFloat from 397). */
  totalHotkeyAlpha: memoisedKey((hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeyAlpha', ['Blake2_128Concat', hot], ['Identity', netuid]),
  ),
  totalHotkeyShares: memoisedKey((hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeyShares', ['Blake2_128Concat', hot], ['Identity', netuid]),
  ),
  totalHotkeySharesV2: memoisedKey((hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeySharesV2', ['Blake2_128Concat', hot], ['Identity', netuid]),
  ),
  /** 475 generation stamps (u64, absent = 0): a share row stamped below its pool's generation reads as absent. */
  alphaSharePoolEpoch: memoisedKey((hot: string, netuid: number) =>
    key('SubtensorModule', 'AlphaSharePoolEpoch', ['Blake2_128Concat', hot], ['Identity', netuid]),
  ),
  alphaShareEpoch: memoisedKey((hot: string, cold: string, netuid: number) =>
    key(
      'SubtensorModule',
      'AlphaShareEpoch',
      ['Blake2_128Concat', hot],
      ['Blake2_128Concat', cold],
      ['Identity', netuid],
    ),
  ),
  subnetTaoPrefix: memoisedKey(() => key('SubtensorModule', 'SubnetTAO')),
  subnetTao: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetTAO', ['Identity', netuid])),
  subnetAlphaIn: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetAlphaIn', ['Identity', netuid])),
  subnetAlphaOut: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetAlphaOut', ['Identity', netuid])),
  /** A subnet's name at 233 (Bytes); no later runtime has the item. */
  subnetName: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetName', ['Identity', netuid])),
  /** A subnet's identity from 315 on: its first field, `subnet_name` (Bytes), is the name DynamicInfo gives. */
  subnetIdentity: memoisedKey((netuid: number) =>
    key('SubtensorModule', 'SubnetIdentitiesV3', ['Blake2_128Concat', netuid]),
  ),
  tokenSymbol: memoisedKey((netuid: number) => key('SubtensorModule', 'TokenSymbol', ['Identity', netuid])),
  subnetMechanism: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetMechanism', ['Identity', netuid])),
  /** Block the subnet now at this netuid was registered (u64): a pruned netuid registered again has a new one. */
  networkRegisteredAt: memoisedKey((netuid: number) =>
    key('SubtensorModule', 'NetworkRegisteredAt', ['Identity', netuid]),
  ),
  /** Balancer pool weights (spec ≥ 423): quote weight q as a Perquintill. */
  swapBalancer: memoisedKey((netuid: number) => key('Swap', 'SwapBalancer', ['Twox64Concat', netuid])),
  /** A subnet's tempo in blocks (u16; an absent entry is the default 360). */
  tempo: memoisedKey((netuid: number) => key('SubtensorModule', 'Tempo', ['Identity', netuid])),
  /** Epochs a subnet has run (u64, spec ≥ 423; docs/chain/epochs.md). */
  subnetEpochIndex: memoisedKey((netuid: number) => key('SubtensorModule', 'SubnetEpochIndex', ['Identity', netuid])),
  swapFeeRate: memoisedKey((netuid: number) => key('Swap', 'FeeRate', ['Twox64Concat', netuid])),
  /** Conviction lock of a coldkey on a subnet, keyed by the hotkey it is locked to (spec ≥ 411). */
  lock: memoisedKey((cold: string, netuid: number, hot: string) =>
    key('SubtensorModule', 'Lock', ['Blake2_128Concat', cold], ['Identity', netuid], ['Blake2_128Concat', hot]),
  ),
  lockPrefix: memoisedKey((cold: string) => key('SubtensorModule', 'Lock', ['Blake2_128Concat', cold])),
  /** The coldkey that owns a hotkey (AccountId32; absent when unregistered). */
  owner: memoisedKey((hot: string) => key('SubtensorModule', 'Owner', ['Blake2_128Concat', hot])),
  /** A coldkey's identity ({name, url, github_repo, …}: all runtimes the app knows). */
  identityV2: memoisedKey((cold: string) => key('SubtensorModule', 'IdentitiesV2', ['Blake2_128Concat', cold])),
  /** The older identity ({name, url, …}), still in runtimes up to 343. */
  identityV1: memoisedKey((cold: string) => key('SubtensorModule', 'Identities', ['Blake2_128Concat', cold])),
  /** Beta baskets (spec ≥ 441, docs/chain/baskets.md#shares-and-watermarks): a fund's outstanding shares (u64). */
  basketSharesPrefix: memoisedKey(() => key('SubtensorModule', 'BasketShares')),
  basketShares: memoisedKey((hot: string) => key('SubtensorModule', 'BasketShares', ['Blake2_128Concat', hot])),
  /** Cumulative shares per unit of root stake (signed fixed point, i128 bits). */
  basketRate: memoisedKey((hot: string) => key('SubtensorModule', 'BasketRate', ['Blake2_128Concat', hot])),
  /** A staker's watermark of shares already claimed (i128, signed). */
  basketClaimed: memoisedKey((hot: string, cold: string) =>
    key('SubtensorModule', 'BasketClaimed', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  ),
  /** A validator fund's total-return index (spec ≥ ≈450; docs/chain/baskets.md#baskettwr). */
  basketTwr: memoisedKey((hot: string) => key('SubtensorModule', 'BasketTwr', ['Blake2_128Concat', hot])),
  rootClaimType: memoisedKey((cold: string) => key('SubtensorModule', 'RootClaimType', ['Blake2_128Concat', cold])),
  rootClaimed: memoisedKey((netuid: number, hot: string, cold: string) =>
    key('SubtensorModule', 'RootClaimed', ['Identity', netuid], ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  ),
};

/** SubtensorModule.Tempo's default (an absent entry). */
export const DEFAULT_TEMPO = 360;

/** Last 32 bytes of a map key hashed with a *Concat hasher = the AccountId it ends with. */
export function trailingAccount(storageKey: string): Uint8Array {
  const u = hexToU8a(storageKey);
  return u.subarray(u.length - 32);
}

/** Trailing u16 (Identity hasher) of a key. */
export function trailingU16(storageKey: string): number {
  const u = hexToU8a(storageKey);
  return (u[u.length - 2] ?? 0) | ((u[u.length - 1] ?? 0) << 8);
}

/**
 * Little-endian unsigned integer of `bytes` bytes at byte `offset` of a hex value, read from the
 * hex text itself: sync decodes millions of these (every pool of every checkpoint), and a byte
 * array per value was a visible share of its CPU. Up to 8 bytes go through two 32-bit halves (one
 * BigInt made, none when small); longer values and any non-hex digit take the BigInt literal path
 * (byte pairs reversed), which also throws on bad hex as it always did.
 */
export function leUint(hex: string | null, bytes: number, offset = 0): bigint {
  if (!hex) return 0n;
  const start = hex.startsWith('0x') ? 2 : 0;
  const have = (hex.length - start) >> 1;
  if (have < offset + bytes) throw new Error(`storage value too short: ${have} < ${offset + bytes} bytes`);
  if (bytes <= 8) {
    const at = start + 2 * offset;
    const lo = leWord(hex, at, Math.min(bytes, 4));
    const hi = bytes > 4 ? leWord(hex, at + 8, bytes - 4) : 0;
    if (lo >= 0 && hi >= 0) {
      // Below 2^53 the sum is exact as a double.
      return hi < 0x200000 ? BigInt(hi * 0x100000000 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
    }
  }
  let be = '0x0';
  for (let i = offset + bytes - 1; i >= offset; i--) be += hex.substr(start + 2 * i, 2);
  return BigInt(be);
}

/** Value of one hex digit (char code), or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Little-endian unsigned integer of `n` ≤ 4 bytes whose hex starts at `at`, or -1 on a non-hex digit. */
function leWord(hex: string, at: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) {
    const h = nibble(hex.charCodeAt(at + 2 * i));
    const l = nibble(hex.charCodeAt(at + 2 * i + 1));
    if (h < 0 || l < 0) return -1;
    v = v * 256 + h * 16 + l;
  }
  return v;
}

/** Little-endian two's-complement signed integer of `bytes` bytes (i128 watermarks and rates). */
export function leInt(hex: string | null, bytes: number): bigint {
  const n = leUint(hex, bytes);
  const top = 1n << BigInt(bytes * 8 - 1);
  return n >= top ? n - (top << 1n) : n;
}

/** System.Account → nonce (first u32 of AccountInfo). */
export const accountNonce = (hex: string | null): number => Number(leUint(hex, 4));

/** System.LastRuntimeUpgrade → Option<{spec_version: Compact<u32>, spec_name}>: the spec that executed the block. */
export function lastUpgradeSpec(hex: string | null): number | null {
  if (!hex) return null;
  const u = hexToU8a(hex);
  // Storage values of Option items are stored without the Option byte.
  const [, value] = compactFromU8a(u);
  return value.toNumber();
}

/**
 * SCALE Vec<u8> → UTF-8 text (null when absent or empty). Subnet names and symbols are read with
 * every pool snapshot and almost never change, so each distinct value is decoded once.
 */
export function bytesText(hex: string | null): string | null {
  if (!hex) return null;
  const hit = texts.get(hex);
  if (hit !== undefined) return hit;
  const u = hexToU8a(hex);
  const [offset, length] = compactFromU8a(u);
  const decoded = utf8.decode(u.subarray(offset, offset + length.toNumber()));
  const text = decoded === '' ? null : decoded;
  if (texts.size >= MAX_TEXTS) texts.clear(); // bounded: a runaway set of values cannot grow it for ever
  texts.set(hex, text);
  return text;
}
const utf8 = new TextDecoder();
const texts = new Map<string, string | null>();
const MAX_TEXTS = 4_096;

/** The storage keys of one subnet's pool snapshot, in the order poolsFromState expects. */
// Built once per subnet: every checkpoint of a change block prices all pools from these.
const poolKeyLists = new Map<number, readonly string[]>();
export function poolKeysOf(netuid: number): readonly string[] {
  let list = poolKeyLists.get(netuid);
  if (!list) poolKeyLists.set(netuid, (list = Object.freeze(poolKeyList(netuid))));
  return list;
}

function poolKeyList(netuid: number): string[] {
  return [
    keys.subnetTao(netuid),
    keys.subnetAlphaIn(netuid),
    keys.subnetAlphaOut(netuid),
    keys.subnetName(netuid),
    keys.tokenSymbol(netuid),
    keys.subnetMechanism(netuid),
    keys.swapBalancer(netuid),
    keys.swapFeeRate(netuid),
    keys.networkRegisteredAt(netuid),
    keys.subnetIdentity(netuid),
  ];
}

/** SCALE Vec<AccountId32> → ss58 list. */
export function decodeAccountVec(hex: string | null): string[] {
  if (!hex) return [];
  // The same StakingHotkeys value is decoded at every checkpoint of a coldkey (ss58 encoding is
  // costly): remember the last few values.
  let list = accountVecs.get(hex);
  if (!list) {
    list = Object.freeze(accountVec(hex));
    if (accountVecs.size >= 256) accountVecs.clear();
    accountVecs.set(hex, list);
  }
  return [...list];
}
const accountVecs = new Map<string, readonly string[]>();

function accountVec(hex: string): string[] {
  const bytes = Buffer.from(hex.slice(2), 'hex');
  let offset = 0;
  let len = 0;
  const mode = (bytes[0] ?? 0) & 3;
  if (mode === 0) {
    len = (bytes[0] ?? 0) >> 2;
    offset = 1;
  } else if (mode === 1) {
    len = (((bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8)) >> 2) & 0x3fff;
    offset = 2;
  } else if (mode === 2) {
    len = bytes.readUInt32LE(0) >>> 2;
    offset = 4;
  } else {
    throw new ChainError('malformed', 'StakingHotkeys has an implausible length.');
  }
  if (bytes.length < offset + 32 * len) throw new ChainError('malformed', 'StakingHotkeys is truncated.');
  const out: string[] = [];
  for (let i = 0; i < len; i++) out.push(encodeAddress(bytes.subarray(offset + 32 * i, offset + 32 * (i + 1)), 42));
  return out;
}
