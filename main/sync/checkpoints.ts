// Checkpoints at one block: the coldkey's α per position (get_stake_info_for_coldkey) and every
// subnet's pool (get_all_dynamic_info, or storage at change blocks) with the chain's price.
import type { Codec } from '@polkadot/types-codec/types';
import { u8aToString } from '@polkadot/util';
import { encodeAddress } from '@polkadot/util-crypto';
import { ChainError } from '../chain/client';
import type { PositionRow, SubnetRow } from '../db/repos/chain-facts';
import { DEFAULT_QUOTE, priceFromStorage, readRuntimePrices } from './prices';
import { accountArg, isRuntimeRefusal, type BlockRuntime, type BlockState, type ChainReader } from './reader';
import { runtimeFeatures } from './runtime-features';
import { bytesText as storedText, leUint, poolKeysOf } from './storage-keys';

export type { PositionRow, SubnetRow } from '../db/repos/chain-facts';

type Field = Codec & { toBigInt?: () => bigint };
const getField = (c: Codec, name: string): Field | undefined =>
  (c as unknown as { get(n: string): Field | undefined }).get(name);

/** A field the app relies on: its absence means the runtime changed the type, which must not read as 0. */
export const field = (c: Codec, name: string, what: string): Field => {
  const v = getField(c, name);
  if (!v) throw new ChainError('malformed', `${what} has no \`${name}\` field in this runtime.`);
  return v;
};
export const bigField = (c: Codec, name: string, what: string): bigint => {
  const v = field(c, name, what);
  if (!v.toBigInt) throw new ChainError('malformed', `${what}: \`${name}\` is not an integer in this runtime.`);
  return v.toBigInt();
};
/** Informational fields (emission figures) may disappear in a later runtime. */
const optionalBig = (c: Codec, name: string): bigint | null => getField(c, name)?.toBigInt?.() ?? null;
const optionalNumber = (c: Codec, name: string): number | null => {
  const v = optionalBig(c, name);
  return v === null ? null : Number(v);
};
const bytesText = (c: Codec | undefined): string | null => {
  if (!c) return null;
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
  const what = `StakeInfo at block ${blockNumber}`;
  const rows = new Map<string, PositionRow>();
  for (const info of result as unknown as Iterable<Codec>) {
    const hotkey = encodeAddress(field(info, 'hotkey', what).toU8a(), 42);
    const netuid = Number(bigField(info, 'netuid', what));
    const alpha = bigField(info, 'stake', what);
    if (alpha === 0n) continue;
    const k = `${hotkey}|${netuid}`;
    const prev = rows.get(k);
    rows.set(k, { hotkey, netuid, alpha: (prev?.alpha ?? 0n) + alpha });
  }
  return [...rows.values()].sort(
    (a, b) => a.netuid - b.netuid || (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0),
  );
}

/**
 * Every subnet's pool from get_all_dynamic_info, priced by current_alpha_price_all where the runtime
 * has it, by the reserves ratio on older runtimes (docs/chain/prices.md). A balancer runtime
 * without the price call is refused rather than priced by reserves.
 */
export async function readSubnets(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  blockNumber: number,
): Promise<SubnetRow[]> {
  const features = runtimeFeatures(runtime.registry);
  const [result, prices] = await Promise.all([
    reader.runtimeCall(
      runtime,
      hash,
      'SubnetInfoRuntimeApi',
      'get_all_dynamic_info',
      '0x',
      `subnet pools at block ${blockNumber}`,
    ),
    runtimePricesIfAny(reader, runtime, hash, blockNumber),
  ]);
  const what = `DynamicInfo at block ${blockNumber}`;
  const rows: SubnetRow[] = [];
  for (const maybe of result as unknown as Iterable<Codec & { isSome: boolean; unwrap(): Codec }>) {
    if (!maybe.isSome) continue;
    const info = maybe.unwrap();
    const netuid = Number(bigField(info, 'netuid', what));
    const taoIn = bigField(info, 'taoIn', what);
    const alphaIn = bigField(info, 'alphaIn', what);
    const runtimePrice = prices?.get(netuid);
    if (runtimePrice === undefined && (features.balancer || prices))
      throw new ChainError('malformed', `The node gave no price for subnet ${netuid} at block ${blockNumber}.`);
    const priced =
      runtimePrice === undefined
        ? priceFromStorage(false, netuid, 1, taoIn, alphaIn, null)
        : { price: runtimePrice, source: 'runtime' as const };
    rows.push({
      netuid,
      taoIn,
      alphaIn,
      alphaOut: bigField(info, 'alphaOut', what),
      price: priced.price,
      priceSource: priced.source,
      balancerQuote: null,
      feeRate: null,
      name: bytesText(getField(info, 'subnetName')),
      symbol: bytesText(getField(info, 'tokenSymbol')),
      registeredAt: optionalNumber(info, 'networkRegisteredAt'),
      taoInEmission: optionalBig(info, 'taoInEmission'),
      alphaInEmission: optionalBig(info, 'alphaInEmission'),
      alphaOutEmission: optionalBig(info, 'alphaOutEmission'),
    });
  }
  return rows.sort((a, b) => a.netuid - b.netuid);
}

/** current_alpha_price_all where the runtime has it; null before it (the reserves ratio is the price). */
function runtimePricesIfAny(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  blockNumber: number,
): Promise<Map<number, bigint> | null> {
  const features = runtimeFeatures(runtime.registry);
  if (!features.priceAll) return Promise.resolve(null);
  return readRuntimePrices(reader, runtime, hash, blockNumber).catch((error: unknown) => {
    // Before the balancer the reserves ratio is the price; a node that cannot run the call still syncs.
    if (!features.balancer && isRuntimeRefusal(error)) return null;
    throw error;
  });
}

/**
 * Daily checkpoints: pools from storage read with the block (`state` holds poolKeysOf(netuid) of
 * `netuids`), priced by current_alpha_price_all where `codeRuntime` has it, as readSubnets does,
 * in one runtime call instead of two. Subnets the price list names but `state` lacks (registered
 * after the subnet list was taken) are read in one more request. The informational emission
 * figures of get_all_dynamic_info are left out here.
 */
export async function readPricedPools(
  reader: ChainReader,
  state: BlockState,
  netuids: readonly number[],
  runtime: BlockRuntime,
  codeRuntime: BlockRuntime,
): Promise<SubnetRow[]> {
  const prices = await runtimePricesIfAny(reader, codeRuntime, state.hash, state.number);
  const rows = poolsFromState(state, netuids, runtime);
  if (!prices) return rows;
  const missing = [...prices.keys()].filter((n) => !netuids.includes(n));
  if (missing.length > 0) {
    const extra = await reader.readBlock(state.number, missing.flatMap(poolKeysOf), false, 'checkpoint block');
    rows.push(...poolsFromState(extra, missing, runtime));
  }
  return rows
    .map((row): SubnetRow => {
      const price = prices.get(row.netuid);
      // From 475 a dissolved subnet leaves the price list at NetworkRemoved but keeps its pool storage
      // until the settle phase pays its holders (docs/chain/swaps-and-dissolution.md): until then it is
      // priced from that storage, by the same formula as runtimes without the call.
      if (price === undefined) return row;
      return { ...row, price, priceSource: 'runtime' };
    })
    .sort((a, b) => a.netuid - b.netuid);
}

/**
 * Pool snapshots from a multi-key read that included poolKeysOf(netuid) for every subnet, priced
 * with the rule of `runtime` (the one whose state was read): the balancer formula on SwapBalancer's
 * quote weight from spec 423, the reserves ratio before. Cheaper than a runtime call per block.
 */
export function poolsFromState(state: BlockState, netuids: readonly number[], runtime: BlockRuntime): SubnetRow[] {
  const features = runtimeFeatures(runtime.registry);
  const rows: SubnetRow[] = [];
  for (const netuid of netuids) {
    const [tao, alphaIn, alphaOut, name, symbol, mechanism, balancer, feeRate, registeredAt, identity] = poolKeysOf(
      netuid,
    ).map((k) => state.values.get(k) ?? null);
    if (!tao && !alphaIn && !alphaOut) continue; // not registered at this block
    const taoIn = leUint(tao ?? null, 8);
    const alphaInValue = leUint(alphaIn ?? null, 8);
    // Absent entries read as the storage defaults: mechanism 0, quote ½, the runtime's default fee rate.
    const quote = features.balancer ? (balancer ? leUint(balancer, 8) : DEFAULT_QUOTE) : null;
    const priced = priceFromStorage(
      features.balancer,
      netuid,
      Number(leUint(mechanism ?? null, 2)),
      taoIn,
      alphaInValue,
      quote,
    );
    rows.push({
      netuid,
      taoIn,
      alphaIn: alphaInValue,
      alphaOut: leUint(alphaOut ?? null, 8),
      price: priced.price,
      priceSource: priced.source,
      balancerQuote: quote,
      feeRate: features.feeRateDefault === null ? null : feeRate ? Number(leUint(feeRate, 2)) : features.feeRateDefault,
      // The identity's name where it has one (what DynamicInfo gives, 315 on), else SubnetName (233). A
      // subnet dissolved before the head keeps the name it had (docs/chain/change-discovery.md#subnet-names).
      name: storedText(identity ?? null) ?? storedText(name ?? null),
      symbol: storedText(symbol ?? null),
      // An absent entry is the storage default, 0 (a subnet registered at genesis).
      registeredAt: Number(leUint(registeredAt ?? null, 8)),
      taoInEmission: null,
      alphaInEmission: null,
      alphaOutEmission: null,
    });
  }
  return rows;
}
