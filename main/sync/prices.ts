// The pool price a snapshot stores, in rao per 1 α (price × 1e9, floored), and where it came from.
// docs/chain/prices.md explains the three sources and why tao_in/alpha_in is wrong from spec 423.
import type { Codec } from '@polkadot/types-codec/types';
import { ChainError } from '../chain/client';
import type { PriceSource } from '../db/repos/chain-facts';
import type { BlockRuntime, ChainReader } from './reader';

export const RAO = 1_000_000_000n;
/** Perquintill: 1e18 parts = 1. */
export const PERQUINTILL = 1_000_000_000_000_000_000n;
/** SwapBalancer's default quote weight (½), as in the runtime's storage fallback. */
export const DEFAULT_QUOTE = PERQUINTILL / 2n;

const FRAC_BITS = 64n;
const U128_MAX = (1n << 128n) - 1n;
const U64_MAX = (1n << 64n) - 1n;

/** U64F64 a/b as the runtime's `safe_div` does it: truncated, 0 when b is 0. */
function fixedDiv(aBits: bigint, bBits: bigint): bigint {
  if (bBits === 0n) return 0n;
  const q = (aBits << FRAC_BITS) / bBits;
  return q > U128_MAX ? U128_MAX : q;
}

/** U64F64 saturating multiplication (truncated). */
function fixedMul(aBits: bigint, bBits: bigint): bigint {
  const p = (aBits * bBits) >> FRAC_BITS;
  return p > U128_MAX ? U128_MAX : p;
}

/**
 * `current_alpha_price` of a balancer pool, computed from storage exactly as the runtime does it in
 * U64F64 fixed point: ((1−q)/q)·(SubnetTAO/SubnetAlphaIn), times 1e9, truncated to u64.
 * Root and non-dynamic subnets (mechanism ≠ 1) are 1:1; an empty α reserve prices at 0.
 */
export function balancerPrice(
  netuid: number,
  mechanism: number,
  taoIn: bigint,
  alphaIn: bigint,
  quote: bigint = DEFAULT_QUOTE,
): bigint {
  if (netuid === 0 || mechanism !== 1) return RAO;
  if (alphaIn === 0n) return 0n;
  const weights = fixedDiv((PERQUINTILL - quote) << FRAC_BITS, quote << FRAC_BITS);
  const reserves = fixedDiv(taoIn << FRAC_BITS, alphaIn << FRAC_BITS);
  const price = fixedMul(weights, reserves);
  const scaled = fixedMul(price, RAO << FRAC_BITS);
  const whole = scaled >> FRAC_BITS;
  return whole > U64_MAX ? U64_MAX : whole;
}

/** Constant-product price before the balancer (spec < 423): tao_in·1e9/alpha_in, root 1:1. */
export function reservesPrice(netuid: number, taoIn: bigint, alphaIn: bigint): bigint {
  if (netuid === 0) return RAO;
  return alphaIn === 0n ? 0n : (taoIn * RAO) / alphaIn;
}

/** The price of one pool from its storage values, with the rule of the runtime that holds them. */
export function priceFromStorage(
  balancerRuntime: boolean,
  netuid: number,
  mechanism: number,
  taoIn: bigint,
  alphaIn: bigint,
  quote: bigint | null,
): { price: bigint; source: PriceSource } {
  if (!balancerRuntime) return { price: reservesPrice(netuid, taoIn, alphaIn), source: 'reserves' };
  return { price: balancerPrice(netuid, mechanism, taoIn, alphaIn, quote ?? DEFAULT_QUOTE), source: 'balancer' };
}

/** SwapRuntimeApi.current_alpha_price_all at a block: netuid → rao per α. */
export async function readRuntimePrices(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  blockNumber: number,
): Promise<Map<number, bigint>> {
  const result = await reader.runtimeCall(
    runtime,
    hash,
    'SwapRuntimeApi',
    'current_alpha_price_all',
    '0x',
    `subnet prices at block ${blockNumber}`,
  );
  const prices = new Map<number, bigint>();
  for (const entry of result as unknown as Iterable<Codec>) {
    const get = (name: string) =>
      (entry as unknown as { get(n: string): (Codec & { toBigInt(): bigint }) | undefined }).get(name);
    const netuid = get('netuid');
    const price = get('price');
    if (!netuid || !price)
      throw new ChainError('malformed', `The subnet prices at block ${blockNumber} lack a netuid or price field.`);
    prices.set(Number(netuid.toBigInt()), price.toBigInt());
  }
  return prices;
}
