// What a runtime offers, read from its own metadata rather than from spec numbers, so a node
// running a runtime this code has never seen is handled by what it declares (docs/chain/runtimes.md).
import type { Registry } from '@polkadot/types/types';
import { bundledApiFor } from '../chain/bundled-apis';

export interface RuntimeFeatures {
  /** Swap.SwapBalancer exists: the pool is a weighted balancer (price needs the quote weight). */
  balancer: boolean;
  /** Swap.FeeRate exists, with its default (parts of 65535) when a subnet has no entry. */
  feeRateDefault: number | null;
  /** SwapRuntimeApi.current_alpha_price_all: every subnet's price in one call. */
  priceAll: boolean;
  /** SwapRuntimeApi.sim_swap_alpha_for_tao: exact exit value of a sale. */
  simSell: boolean;
  /** StakeInfoRuntimeApi.get_stake_availability_for_coldkeys: locked / available α. */
  availability: boolean;
  /** SubtensorModule.Lock storage: conviction locks exist in this runtime. */
  locks: boolean;
  /** SubtensorModule.Alpha storage: V1 share rows (gone from 473, docs/chain/share-pools.md). */
  alphaV1: boolean;
  /** SubtensorModule.BasketRate storage: validator funds (beta baskets, spec ≥ 441). */
  baskets: boolean;
  /** SubtensorModule.BasketTwr storage (validator funds' total-return index): its default bits, else null. */
  basketTwrDefault: bigint | null;
}

interface MetadataShape {
  pallets: {
    name: { toString(): string };
    storage: {
      isSome: boolean;
      unwrap(): {
        items: {
          name: { toString(): string };
          fallback: { toU8a(bare?: boolean): Uint8Array };
        }[];
      };
    };
  }[];
  apis?: { name: { toString(): string }; methods: { name: { toString(): string } }[] }[];
}

const cache = new WeakMap<Registry, RuntimeFeatures>();

/** A little-endian unsigned integer from a storage default's bytes (null when there is none). */
function leBytes(u: Uint8Array | undefined): bigint | null {
  if (!u || u.length === 0) return null;
  let n = 0n;
  for (let i = u.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(u[i] ?? 0);
  return n;
}

function storageItem(md: MetadataShape, pallet: string, item: string) {
  const p = md.pallets.find((x) => x.name.toString() === pallet);
  if (!p?.storage.isSome) return undefined;
  return p.storage.unwrap().items.find((i) => i.name.toString() === item);
}

export function hasRuntimeMethod(registry: Registry, api: string, method: string): boolean {
  if (bundledApiFor(registry, api)?.outputs.has(method)) return true;
  const md = registry.metadata as unknown as MetadataShape;
  return !!md.apis?.find((a) => a.name.toString() === api)?.methods.some((m) => m.name.toString() === method);
}

export function runtimeFeatures(registry: Registry): RuntimeFeatures {
  const hit = cache.get(registry);
  if (hit) return hit;
  const md = registry.metadata as unknown as MetadataShape;
  const feeRate = storageItem(md, 'Swap', 'FeeRate');
  const fallback = feeRate?.fallback.toU8a(true);
  const features: RuntimeFeatures = {
    balancer: storageItem(md, 'Swap', 'SwapBalancer') !== undefined,
    feeRateDefault: fallback && fallback.length >= 2 ? (fallback[0] ?? 0) | ((fallback[1] ?? 0) << 8) : null,
    priceAll: hasRuntimeMethod(registry, 'SwapRuntimeApi', 'current_alpha_price_all'),
    simSell: hasRuntimeMethod(registry, 'SwapRuntimeApi', 'sim_swap_alpha_for_tao'),
    availability: hasRuntimeMethod(registry, 'StakeInfoRuntimeApi', 'get_stake_availability_for_coldkeys'),
    locks: storageItem(md, 'SubtensorModule', 'Lock') !== undefined,
    alphaV1: storageItem(md, 'SubtensorModule', 'Alpha') !== undefined,
    baskets: storageItem(md, 'SubtensorModule', 'BasketRate') !== undefined,
    basketTwrDefault: leBytes(storageItem(md, 'SubtensorModule', 'BasketTwr')?.fallback.toU8a(true)),
  };
  cache.set(registry, features);
  return features;
}
