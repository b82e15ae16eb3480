// Storage keys built by hand (twox128(pallet) ‖ twox128(item) ‖ hashed args, hashers as in finney
// metadata, docs/chain/change-discovery.md#storage-keys) so they do not depend on which runtime the head happens to run, and raw
// little-endian decoders for the few values sync compares without a registry.
import { ChainError } from '../chain/client';
import { compactFromU8a, hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress, encodeAddress, xxhashAsU8a } from '@polkadot/util-crypto';

type Hasher = 'Blake2_128Concat' | 'Twox64Concat' | 'Identity';

const prefixes = new Map<string, Uint8Array>();
function itemPrefix(pallet: string, item: string): Uint8Array {
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

const builtKeys = new Map<string, string>();
/**
 * A key by its item and raw arguments (ss58 strings, netuids): built (hashing every part) once, then
 * looked up by a cheap string; keys are rebuilt for every multi-key read otherwise.
 */
function key(pallet: string, item: string, ...parts: [Hasher, Uint8Array | string | number][]): string {
  let memo = `${pallet}.${item}`;
  for (const [, d] of parts) memo += typeof d === 'object' ? `|${u8aToHex(d)}` : `|${d}`;
  let k = builtKeys.get(memo);
  if (!k) {
    const bytes = parts.map(([h, d]) =>
      hashed(h, typeof d === 'string' ? account(d) : typeof d === 'number' ? u16(d) : d),
    );
    k = u8aToHex(u8aConcat(itemPrefix(pallet, item), ...bytes));
    if (builtKeys.size > 200_000) builtKeys.clear();
    builtKeys.set(memo, k);
  }
  return k;
}

export const keys = {
  systemEvents: () => key('System', 'Events'),
  timestampNow: () => key('Timestamp', 'Now'),
  lastRuntimeUpgrade: () => key('System', 'LastRuntimeUpgrade'),
  account: (cold: string) => key('System', 'Account', ['Blake2_128Concat', cold]),
  stakingHotkeys: (cold: string) => key('SubtensorModule', 'StakingHotkeys', ['Blake2_128Concat', cold]),
  lastStakeBlockPrefix: (cold: string) => key('SubtensorModule', 'LastColdkeyHotkeyStakeBlock', ['Twox64Concat', cold]),
  lastStakeBlock: (cold: string, hot: string) =>
    key('SubtensorModule', 'LastColdkeyHotkeyStakeBlock', ['Twox64Concat', cold], ['Twox64Concat', hot]),
  alphaPrefix: (hot: string, cold: string) =>
    key('SubtensorModule', 'Alpha', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  alpha: (hot: string, cold: string, netuid: number) =>
    key('SubtensorModule', 'Alpha', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold], ['Identity', netuid]),
  alphaV2Prefix: (hot: string, cold: string) =>
    key('SubtensorModule', 'AlphaV2', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  /** Shares after the lazy V1→V2 migration (spec ≥ 397). */
  alphaV2: (hot: string, cold: string, netuid: number) =>
    key('SubtensorModule', 'AlphaV2', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold], ['Identity', netuid]),
  /** A hotkey's pool on a subnet: its α, and its share denominator (V1 U64F64 up to 472, V2 SafeFloat from 397). */
  totalHotkeyAlpha: (hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeyAlpha', ['Blake2_128Concat', hot], ['Identity', netuid]),
  totalHotkeyShares: (hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeyShares', ['Blake2_128Concat', hot], ['Identity', netuid]),
  totalHotkeySharesV2: (hot: string, netuid: number) =>
    key('SubtensorModule', 'TotalHotkeySharesV2', ['Blake2_128Concat', hot], ['Identity', netuid]),
  /** 475 generation stamps (u64, absent = 0): a share row stamped below its pool's generation reads as absent. */
  alphaSharePoolEpoch: (hot: string, netuid: number) =>
    key('SubtensorModule', 'AlphaSharePoolEpoch', ['Blake2_128Concat', hot], ['Identity', netuid]),
  alphaShareEpoch: (hot: string, cold: string, netuid: number) =>
    key(
      'SubtensorModule',
      'AlphaShareEpoch',
      ['Blake2_128Concat', hot],
      ['Blake2_128Concat', cold],
      ['Identity', netuid],
    ),
  subnetTaoPrefix: () => key('SubtensorModule', 'SubnetTAO'),
  subnetTao: (netuid: number) => key('SubtensorModule', 'SubnetTAO', ['Identity', netuid]),
  subnetAlphaIn: (netuid: number) => key('SubtensorModule', 'SubnetAlphaIn', ['Identity', netuid]),
  subnetAlphaOut: (netuid: number) => key('SubtensorModule', 'SubnetAlphaOut', ['Identity', netuid]),
  subnetName: (netuid: number) => key('SubtensorModule', 'SubnetName', ['Identity', netuid]),
  tokenSymbol: (netuid: number) => key('SubtensorModule', 'TokenSymbol', ['Identity', netuid]),
  subnetMechanism: (netuid: number) => key('SubtensorModule', 'SubnetMechanism', ['Identity', netuid]),
  /** Balancer pool weights (spec ≥ 423): quote weight q as a Perquintill. */
  swapBalancer: (netuid: number) => key('Swap', 'SwapBalancer', ['Twox64Concat', netuid]),
  /** A subnet's tempo in blocks (u16; an absent entry is the default 360). */
  tempo: (netuid: number) => key('SubtensorModule', 'Tempo', ['Identity', netuid]),
  /** Epochs a subnet has run (u64, spec ≥ 423; docs/chain/epochs.md). */
  subnetEpochIndex: (netuid: number) => key('SubtensorModule', 'SubnetEpochIndex', ['Identity', netuid]),
  swapFeeRate: (netuid: number) => key('Swap', 'FeeRate', ['Twox64Concat', netuid]),
  /** Conviction lock of a coldkey on a subnet, keyed by the hotkey it is locked to (spec ≥ 411). */
  lock: (cold: string, netuid: number, hot: string) =>
    key('SubtensorModule', 'Lock', ['Blake2_128Concat', cold], ['Identity', netuid], ['Blake2_128Concat', hot]),
  lockPrefix: (cold: string) => key('SubtensorModule', 'Lock', ['Blake2_128Concat', cold]),
  /** The coldkey that owns a hotkey (AccountId32; absent when unregistered). */
  owner: (hot: string) => key('SubtensorModule', 'Owner', ['Blake2_128Concat', hot]),
  /** A coldkey's identity ({name, url, github_repo, …}: all runtimes the app knows). */
  identityV2: (cold: string) => key('SubtensorModule', 'IdentitiesV2', ['Blake2_128Concat', cold]),
  /** The older identity ({name, url, …}), still in runtimes up to 343. */
  identityV1: (cold: string) => key('SubtensorModule', 'Identities', ['Blake2_128Concat', cold]),
  /** Beta baskets (spec ≥ 441, docs/chain/baskets.md#shares-and-watermarks): a fund's outstanding shares (u64). */
  basketSharesPrefix: () => key('SubtensorModule', 'BasketShares'),
  basketShares: (hot: string) => key('SubtensorModule', 'BasketShares', ['Blake2_128Concat', hot]),
  /** Cumulative shares per unit of root stake (signed fixed point, i128 bits). */
  basketRate: (hot: string) => key('SubtensorModule', 'BasketRate', ['Blake2_128Concat', hot]),
  /** A staker's watermark of shares already claimed (i128, signed). */
  basketClaimed: (hot: string, cold: string) =>
    key('SubtensorModule', 'BasketClaimed', ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
  /** A validator fund's total-return index (spec ≥ ≈450; docs/chain/baskets.md#baskettwr). */
  basketTwr: (hot: string) => key('SubtensorModule', 'BasketTwr', ['Blake2_128Concat', hot]),
  rootClaimType: (cold: string) => key('SubtensorModule', 'RootClaimType', ['Blake2_128Concat', cold]),
  rootClaimed: (netuid: number, hot: string, cold: string) =>
    key('SubtensorModule', 'RootClaimed', ['Identity', netuid], ['Blake2_128Concat', hot], ['Blake2_128Concat', cold]),
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

export function leUint(hex: string | null, bytes: number, offset = 0): bigint {
  if (!hex) return 0n;
  const u = hexToU8a(hex);
  if (u.length < offset + bytes) throw new Error(`storage value too short: ${u.length} < ${offset + bytes} bytes`);
  let n = 0n;
  for (let i = bytes - 1; i >= 0; i--) n = (n << 8n) | BigInt(u[offset + i] ?? 0);
  return n;
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

/** SCALE Vec<u8> → UTF-8 text (null when absent or empty). */
export function bytesText(hex: string | null): string | null {
  if (!hex) return null;
  const u = hexToU8a(hex);
  const [offset, length] = compactFromU8a(u);
  const text = new TextDecoder().decode(u.subarray(offset, offset + length.toNumber()));
  return text === '' ? null : text;
}

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
  ];
}

/** SCALE Vec<AccountId32> → ss58 list. */
export function decodeAccountVec(hex: string | null): string[] {
  if (!hex) return [];
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
