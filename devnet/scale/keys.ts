/**
 * Storage keys with the real hashers (twox128(pallet) ‖ twox128(item) ‖ hashed args), written by
 * hand because building millions of keys through decorated PJS storage is too slow for the year
 * scenario. Hashers per item are those of the finney metadata (docs/chain/change-discovery.md#storage-keys).
 */
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, xxhashAsU8a } from '@polkadot/util-crypto';

export type Hasher = 'Blake2_128Concat' | 'Twox64Concat' | 'Identity';
export type ArgKind = 'account' | 'u16' | 'u32' | 'u64';

export interface ItemSpec {
  pallet: string;
  item: string;
  args: { kind: ArgKind; hasher: Hasher }[];
}

const A = (hasher: Hasher) => ({ kind: 'account' as const, hasher });
const N16 = { kind: 'u16' as const, hasher: 'Identity' as const };
const T16 = { kind: 'u16' as const, hasher: 'Twox64Concat' as const };
const T32 = { kind: 'u32' as const, hasher: 'Twox64Concat' as const };

/** Items the devnet stores (name → pallet, key args). */
export const ITEMS = {
  SystemAccount: { pallet: 'System', item: 'Account', args: [A('Blake2_128Concat')] },
  SystemEvents: { pallet: 'System', item: 'Events', args: [] },
  SystemNumber: { pallet: 'System', item: 'Number', args: [] },
  SystemParentHash: { pallet: 'System', item: 'ParentHash', args: [] },
  SystemLastRuntimeUpgrade: { pallet: 'System', item: 'LastRuntimeUpgrade', args: [] },
  TimestampNow: { pallet: 'Timestamp', item: 'Now', args: [] },
  Owner: { pallet: 'SubtensorModule', item: 'Owner', args: [A('Blake2_128Concat')] },
  /** A coldkey's identity {name, url, github_repo, image, discord, description, additional} (all runtimes ≥ 233) */
  IdentitiesV2: { pallet: 'SubtensorModule', item: 'IdentitiesV2', args: [A('Blake2_128Concat')] },
  Alpha: { pallet: 'SubtensorModule', item: 'Alpha', args: [A('Blake2_128Concat'), A('Blake2_128Concat'), N16] },
  TotalHotkeyAlpha: { pallet: 'SubtensorModule', item: 'TotalHotkeyAlpha', args: [A('Blake2_128Concat'), N16] },
  TotalHotkeyAlphaLastEpoch: {
    pallet: 'SubtensorModule',
    item: 'TotalHotkeyAlphaLastEpoch',
    args: [A('Blake2_128Concat'), N16],
  },
  TotalHotkeyShares: { pallet: 'SubtensorModule', item: 'TotalHotkeyShares', args: [A('Blake2_128Concat'), N16] },
  AlphaDividendsPerSubnet: {
    pallet: 'SubtensorModule',
    item: 'AlphaDividendsPerSubnet',
    args: [N16, A('Blake2_128Concat')],
  },
  SubnetTAO: { pallet: 'SubtensorModule', item: 'SubnetTAO', args: [N16] },
  SubnetAlphaIn: { pallet: 'SubtensorModule', item: 'SubnetAlphaIn', args: [N16] },
  SubnetAlphaOut: { pallet: 'SubtensorModule', item: 'SubnetAlphaOut', args: [N16] },
  SubnetMechanism: { pallet: 'SubtensorModule', item: 'SubnetMechanism', args: [N16] },
  Tempo: { pallet: 'SubtensorModule', item: 'Tempo', args: [N16] },
  NetworksAdded: { pallet: 'SubtensorModule', item: 'NetworksAdded', args: [N16] },
  NetworkRegisteredAt: { pallet: 'SubtensorModule', item: 'NetworkRegisteredAt', args: [N16] },
  SubnetOwner: { pallet: 'SubtensorModule', item: 'SubnetOwner', args: [N16] },
  SubnetOwnerHotkey: { pallet: 'SubtensorModule', item: 'SubnetOwnerHotkey', args: [N16] },
  TokenSymbol: { pallet: 'SubtensorModule', item: 'TokenSymbol', args: [N16] },
  SubnetName: { pallet: 'SubtensorModule', item: 'SubnetName', args: [N16] },
  /** A subnet's identity {subnet_name, github_repo, …} (runtimes ≥ 315 keep its name here, not in SubnetName) */
  SubnetIdentitiesV3: {
    pallet: 'SubtensorModule',
    item: 'SubnetIdentitiesV3',
    args: [{ kind: 'u16' as const, hasher: 'Blake2_128Concat' as const }],
  },
  TotalNetworks: { pallet: 'SubtensorModule', item: 'TotalNetworks', args: [] },
  StakingHotkeys: { pallet: 'SubtensorModule', item: 'StakingHotkeys', args: [A('Blake2_128Concat')] },
  LastColdkeyHotkeyStakeBlock: {
    pallet: 'SubtensorModule',
    item: 'LastColdkeyHotkeyStakeBlock',
    args: [A('Twox64Concat'), A('Twox64Concat')],
  },
  SubnetMovingPrice: { pallet: 'SubtensorModule', item: 'SubnetMovingPrice', args: [N16] },
  SubnetVolume: { pallet: 'SubtensorModule', item: 'SubnetVolume', args: [N16] },
  SwapAlphaSqrtPrice: {
    pallet: 'Swap',
    item: 'AlphaSqrtPrice',
    args: [{ kind: 'u16' as const, hasher: 'Twox64Concat' as const }],
  },
  SwapV3Initialized: {
    pallet: 'Swap',
    item: 'SwapV3Initialized',
    args: [{ kind: 'u16' as const, hasher: 'Twox64Concat' as const }],
  },
  SwapFeeRate: { pallet: 'Swap', item: 'FeeRate', args: [{ kind: 'u16' as const, hasher: 'Twox64Concat' as const }] },
  AlphaV2: { pallet: 'SubtensorModule', item: 'AlphaV2', args: [A('Blake2_128Concat'), A('Blake2_128Concat'), N16] },
  TotalHotkeySharesV2: {
    pallet: 'SubtensorModule',
    item: 'TotalHotkeySharesV2',
    args: [A('Blake2_128Concat'), N16],
  },
  LastEpochBlock: { pallet: 'SubtensorModule', item: 'LastEpochBlock', args: [N16] },
  PendingEpochAt: { pallet: 'SubtensorModule', item: 'PendingEpochAt', args: [N16] },
  SubnetEpochIndex: { pallet: 'SubtensorModule', item: 'SubnetEpochIndex', args: [N16] },
  BlocksSinceLastStep: { pallet: 'SubtensorModule', item: 'BlocksSinceLastStep', args: [N16] },
  /** LockState per (coldkey, netuid, hotkey) (≥ 411) */
  Lock: { pallet: 'SubtensorModule', item: 'Lock', args: [A('Blake2_128Concat'), N16, A('Blake2_128Concat')] },
  SwapBalancer: { pallet: 'Swap', item: 'SwapBalancer', args: [T16] },
  SwapPalSwapInitialized: { pallet: 'Swap', item: 'PalSwapInitialized', args: [T16] },
  // ---- basket era (≥ 441; docs/chain/baskets.md)
  BasketShares: { pallet: 'SubtensorModule', item: 'BasketShares', args: [A('Blake2_128Concat')] },
  BasketRate: { pallet: 'SubtensorModule', item: 'BasketRate', args: [A('Blake2_128Concat')] },
  BasketTwr: { pallet: 'SubtensorModule', item: 'BasketTwr', args: [A('Blake2_128Concat')] },
  BasketDepositedTao: { pallet: 'SubtensorModule', item: 'BasketDepositedTao', args: [A('Blake2_128Concat')] },
  BasketRedeemedTao: { pallet: 'SubtensorModule', item: 'BasketRedeemedTao', args: [A('Blake2_128Concat')] },
  BasketClaimed: {
    pallet: 'SubtensorModule',
    item: 'BasketClaimed',
    args: [A('Blake2_128Concat'), A('Blake2_128Concat')],
  },
  PendingBasketDeposits: {
    pallet: 'SubtensorModule',
    item: 'PendingBasketDeposits',
    args: [A('Blake2_128Concat'), N16],
  },
  MinerCollateral: {
    pallet: 'SubtensorModule',
    item: 'MinerCollateral',
    args: [N16, A('Blake2_128Concat'), A('Blake2_128Concat')],
  },
  // ---- subnet leases (devnet/README.md, Leases)
  SubnetLeases: { pallet: 'SubtensorModule', item: 'SubnetLeases', args: [T32] },
  SubnetLeaseShares: { pallet: 'SubtensorModule', item: 'SubnetLeaseShares', args: [T32, A('Identity')] },
  SubnetUidToLeaseId: { pallet: 'SubtensorModule', item: 'SubnetUidToLeaseId', args: [T16] },
  NextSubnetLeaseId: { pallet: 'SubtensorModule', item: 'NextSubnetLeaseId', args: [] },
  AccumulatedLeaseDividends: { pallet: 'SubtensorModule', item: 'AccumulatedLeaseDividends', args: [T32] },
  // ---- miner incentive (devnet/README.md, Miners): the (coldkey, netuid) form of ≥ 393
  AutoStakeDestination: {
    pallet: 'SubtensorModule',
    item: 'AutoStakeDestination',
    args: [A('Blake2_128Concat'), N16],
  },
  AutoStakeDestinationColdkeys: {
    pallet: 'SubtensorModule',
    item: 'AutoStakeDestinationColdkeys',
    args: [A('Blake2_128Concat'), N16],
  },
  RootClaimType: { pallet: 'SubtensorModule', item: 'RootClaimType', args: [A('Blake2_128Concat')] },
  RootClaimed: {
    pallet: 'SubtensorModule',
    item: 'RootClaimed',
    args: [N16, A('Blake2_128Concat'), A('Blake2_128Concat')],
  },
} satisfies Record<string, ItemSpec>;

export type ItemName = keyof typeof ITEMS;

const prefixCache = new Map<string, Uint8Array>();

export function itemPrefix(spec: ItemSpec): Uint8Array {
  const k = `${spec.pallet}.${spec.item}`;
  let p = prefixCache.get(k);
  if (!p) prefixCache.set(k, (p = u8aConcat(xxhashAsU8a(spec.pallet, 128), xxhashAsU8a(spec.item, 128))));
  return p;
}

export type KeyArg = string | Uint8Array | number | bigint;

function argBytes(kind: ArgKind, v: KeyArg): Uint8Array {
  if (kind === 'account') return typeof v === 'string' ? hexToU8a(v) : (v as Uint8Array);
  const n = BigInt(v as number | bigint);
  const len = kind === 'u16' ? 2 : kind === 'u32' ? 4 : 8;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

function hash(h: Hasher, data: Uint8Array): Uint8Array {
  if (h === 'Identity') return data;
  if (h === 'Twox64Concat') return u8aConcat(xxhashAsU8a(data, 64), data);
  return u8aConcat(blake2AsU8a(data, 128), data);
}

type Memo = Map<unknown, Memo | string>;
const keyCache: Memo = new Map();

/**
 * Full storage key as 0x-hex. Accounts are 0x-hex (or raw) 32-byte public keys. Memoised in nested
 * maps keyed by the args themselves (no string building): key hashing dominates generation time,
 * and returning the same string instance keeps later Map lookups on it cheap.
 */
export function storageKey(name: ItemName, ...args: KeyArg[]): string {
  let m = keyCache.get(name) as Memo | undefined;
  if (!m) keyCache.set(name, (m = new Map()));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (typeof a === 'object') return buildKey(name, args);
    if (i === args.length - 1) {
      const hit = m.get(a);
      if (typeof hit === 'string') return hit;
      const key = buildKey(name, args);
      m.set(a, key);
      return key;
    }
    let next = m.get(a) as Memo | undefined;
    if (!next) m.set(a, (next = new Map()));
    m = next;
  }
  const hit = m.get('');
  if (typeof hit === 'string') return hit;
  const key = buildKey(name, args);
  m.set('', key);
  return key;
}

function buildKey(name: ItemName, args: KeyArg[]): string {
  const spec: ItemSpec = ITEMS[name];
  const parts = [itemPrefix(spec)];
  spec.args.forEach((a, i) => {
    const v = args[i];
    if (v === undefined) throw new Error(`${name}: missing key arg ${i}`);
    parts.push(hash(a.hasher, argBytes(a.kind, v)));
  });
  return u8aToHex(u8aConcat(...parts));
}

/** Key prefix for a partial key (first `args.length` args). */
export function storagePrefix(name: ItemName, ...args: KeyArg[]): string {
  const spec: ItemSpec = ITEMS[name];
  const parts = [itemPrefix(spec)];
  args.forEach((v, i) => {
    const a = spec.args[i];
    if (a) parts.push(hash(a.hasher, argBytes(a.kind, v)));
  });
  return u8aToHex(u8aConcat(...parts));
}
