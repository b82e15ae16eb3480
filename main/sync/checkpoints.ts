// Checkpoints at one block: the coldkey's α per position (get_stake_info_for_coldkey) and every
// subnet's pool (get_all_dynamic_info). One runtime call each, whatever the number of positions.
import type { Codec } from '@polkadot/types-codec/types';
import { u8aToString } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { accountArg, type BlockRuntime, type BlockState, type ChainReader } from './reader';
import { bytesText as storedText, leUint, poolKeysOf } from './storage-keys';

export interface PositionRow {
  hotkey: string;
  netuid: number;
  alpha: bigint;
}

export interface SubnetRow {
  netuid: number;
  taoIn: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  /** rao per 1 alpha: tao_in·1e9/alpha_in floored (root 1e9), as current_alpha_price for a constant-product pool. */
  price: bigint;
  name: string | null;
  symbol: string | null;
  /** From get_all_dynamic_info only (null for snapshots read from storage). */
  taoInEmission: bigint | null;
  alphaInEmission: bigint | null;
  alphaOutEmission: bigint | null;
}

type Fields = Record<string, Codec & { toBigInt?: () => bigint; toNumber?: () => number }>;
const field = (c: Codec, name: string): Codec & { toBigInt?: () => bigint; toNumber?: () => number } => {
  const v = (c as unknown as { get(n: string): Codec | undefined }).get(name);
  if (!v) throw new Error(`missing field ${name}`);
  return v as Fields[string];
};
const bigField = (c: Codec, name: string): bigint => {
  const v = (c as unknown as { get(n: string): (Codec & { toBigInt(): bigint }) | undefined }).get(name);
  return v ? v.toBigInt() : 0n;
};
const bytesText = (c: Codec): string | null => {
  try {
    const bytes = [...(c as unknown as Iterable<{ toNumber(): number }>)].map((x) => x.toNumber());
    const text = u8aToString(new Uint8Array(bytes));
    return text === '' ? null : text;
  } catch {
    return null;
  }
};

export async function readPositions(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  coldkey: string,
  blockNumber: number,
): Promise<PositionRow[]> {
  const result = await reader.runtimeCall(
    runtime,
    hash,
    'StakeInfoRuntimeApi',
    'get_stake_info_for_coldkey',
    accountArg(coldkey),
    `stake info at block ${blockNumber}`,
  );
  const rows = new Map<string, PositionRow>();
  for (const info of result as unknown as Iterable<Codec>) {
    const hotkey = encodeAddress(field(info, 'hotkey').toU8a(), 42);
    const netuid = Number(bigField(info, 'netuid'));
    const alpha = bigField(info, 'stake');
    if (alpha === 0n) continue;
    const k = `${hotkey}|${netuid}`;
    const prev = rows.get(k);
    rows.set(k, { hotkey, netuid, alpha: (prev?.alpha ?? 0n) + alpha });
  }
  return [...rows.values()].sort(
    (a, b) => a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0),
  );
}

const RAO = 1_000_000_000n;

export async function readSubnets(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  blockNumber: number,
): Promise<SubnetRow[]> {
  const result = await reader.runtimeCall(
    runtime,
    hash,
    'SubnetInfoRuntimeApi',
    'get_all_dynamic_info',
    '0x',
    `subnet pools at block ${blockNumber}`,
  );
  const rows: SubnetRow[] = [];
  for (const maybe of result as unknown as Iterable<Codec & { isSome: boolean; unwrap(): Codec }>) {
    if (!maybe.isSome) continue;
    const info = maybe.unwrap();
    const netuid = Number(bigField(info, 'netuid'));
    const taoIn = bigField(info, 'taoIn');
    const alphaIn = bigField(info, 'alphaIn');
    rows.push({
      netuid,
      taoIn,
      alphaIn,
      alphaOut: bigField(info, 'alphaOut'),
      price: netuid === 0 ? RAO : alphaIn === 0n ? 0n : (taoIn * RAO) / alphaIn,
      name: bytesText(field(info, 'subnetName')),
      symbol: bytesText(field(info, 'tokenSymbol')),
      taoInEmission: bigField(info, 'taoInEmission'),
      alphaInEmission: bigField(info, 'alphaInEmission'),
      alphaOutEmission: bigField(info, 'alphaOutEmission'),
    });
  }
  return rows.sort((a, b) => a.netuid - b.netuid);
}

/**
 * Pools from storage (SubnetTAO / SubnetAlphaIn / SubnetAlphaOut, names) in one multi-key read:
 * the same reserves get_all_dynamic_info reports, far cheaper to serve and decode, used at change
 * blocks; daily checkpoints use get_all_dynamic_info (which adds the emission figures).
 */
export async function readPoolsFromStorage(
  reader: ChainReader,
  blockNumber: number,
  netuids: readonly number[],
): Promise<SubnetRow[]> {
  return poolsFromState(await reader.readBlock(blockNumber, netuids.flatMap(poolKeysOf), false), netuids);
}

/** Pool snapshots from a multi-key read that included poolKeysOf(netuid) for every subnet. */
export function poolsFromState(state: BlockState, netuids: readonly number[]): SubnetRow[] {
  const rows: SubnetRow[] = [];
  for (const netuid of netuids) {
    const [tao, alphaIn, alphaOut, name, symbol] = poolKeysOf(netuid).map((k) => state.values.get(k) ?? null) as (
      string | null
    )[];
    if (tao === null && alphaIn === null && alphaOut === null) continue; // not registered at this block
    const taoIn = leUint(tao ?? null, 8);
    const alphaInValue = leUint(alphaIn ?? null, 8);
    rows.push({
      netuid,
      taoIn,
      alphaIn: alphaInValue,
      alphaOut: leUint(alphaOut ?? null, 8),
      price: netuid === 0 ? RAO : alphaInValue === 0n ? 0n : (taoIn * RAO) / alphaInValue,
      name: storedText(name ?? null),
      symbol: storedText(symbol ?? null),
      taoInEmission: null,
      alphaInEmission: null,
      alphaOutEmission: null,
    });
  }
  return rows;
}
