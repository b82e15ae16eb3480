/**
 * Runtime APIs served through state_call, computed from chain state at a block and SCALE-encoded
 * with the output type the runtime's own metadata declares.
 */
import { u8aToHex, hexToU8a, u8aToU8a } from '@polkadot/util';
import type { Chain } from './chain.js';
import type { Acc } from './accounts.js';
import { feeRate } from './pools.js';
import { subnetAccount } from './accounts.js';
import { balancerFee } from './balancer.js';
import { BALANCER_SPEC } from './balancer-book.js';
import { stakeAvailability, stakeInfo, stakeInfos, subnetsAt } from './api-stake-info.js';
import { allPrices, simSwap } from './api-swap.js';
import { basketApi } from './api-basket.js';
import type { Runtime } from '../scale/runtime.js';

export class RuntimeApiError extends Error {}

function dynamicInfo(chain: Chain, netuid: number, b: number) {
  const sub = chain.subnets.get(netuid);
  if (!sub || sub.registeredAt > b || (sub.dissolvedAt !== undefined && sub.dissolvedAt <= b)) return null;
  const e = chain.epochs.epochsAt(netuid, b);
  const lastStep = e === 0 ? sub.registeredAt : chain.epochs.epochBlock(netuid, e);
  const taoIn = chain.subnetTao(netuid, b);
  const alphaIn = chain.subnetAlphaIn(netuid, b);
  const alphaOut = chain.subnetAlphaOut(netuid, b);
  const perBlock = netuid === 0 ? 0n : (alphaOut * sub.growthPpb) / 1_000_000_000n / 361n;
  const price = netuid === 0 ? 1n << 32n : chain.movingPriceBits(netuid, b);
  return {
    netuid,
    ownerHotkey: sub.ownerHotkey,
    ownerColdkey: sub.ownerColdkey,
    subnetName: [...new TextEncoder().encode(sub.name)],
    tokenSymbol: [...new TextEncoder().encode(sub.symbol)],
    tempo: 360,
    lastStep,
    blocksSinceLastStep: b - lastStep,
    emission: 0,
    alphaIn,
    alphaOut,
    taoIn,
    // Per-block alpha emission implied by the subnet's growth index (what epochs hand to stakers).
    alphaOutEmission: perBlock,
    alphaInEmission: chain.injection(netuid, b).alpha,
    taoInEmission: chain.injection(netuid, b).tao,
    pendingAlphaEmission: perBlock * BigInt(b - lastStep),
    pendingRootEmission: 0,
    subnetVolume: chain.subnetVolume(netuid, b),
    networkRegisteredAt: sub.registeredAt,
    subnetIdentity: null,
    movingPrice: { bits: price },
  };
}

/** Decodes the SCALE-concatenated arguments of a runtime call. */
function decodeArgs(rt: Runtime, inputs: string[], data: string): unknown[] {
  let u8a = hexToU8a(data);
  const out: unknown[] = [];
  for (const t of inputs) {
    const v = rt.registry.createTypeUnsafe(t, [u8a]);
    out.push(v);
    u8a = u8a.subarray(v.encodedLength);
  }
  return out;
}

const accOf = (v: unknown): Acc => u8aToHex(u8aToU8a((v as { toU8a(): Uint8Array }).toU8a()));
const numOf = (v: unknown): number => Number((v as { toString(): string }).toString());
const bigOf = (v: unknown): bigint => BigInt((v as { toString(): string }).toString());

export function callRuntimeApi(chain: Chain, rt: Runtime, method: string, data: string, b: number): string {
  const def = rt.apiMethod(method);
  if (!def) throw new RuntimeApiError(`Execution failed: Other: Exported method ${method} is not found`);
  const args = decodeArgs(rt, def.inputs, data);
  // Runtimes of the balancer era answer with the runtime's own listing rules (api-stake-info.ts).
  const modern = rt.spec >= BALANCER_SPEC;
  let result: unknown;
  switch (method) {
    case 'StakeInfoRuntimeApi_get_stake_info_for_coldkey':
      result = stakeInfos(chain, accOf(args[0]), b, modern);
      break;
    case 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys': {
      const colds = (args[0] as unknown as unknown[]).map(accOf);
      result = colds.map((c) => [c, stakeInfos(chain, c, b, modern)]);
      break;
    }
    case 'StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid': {
      const [hot, cold, n] = [accOf(args[0]), accOf(args[1]), numOf(args[2])];
      const stake = chain.stake(hot, cold, n, b);
      result = stake === 0n && !modern ? null : stakeInfo(chain, hot, cold, n, stake, b);
      break;
    }
    case 'StakeInfoRuntimeApi_get_stake_availability_for_coldkeys': {
      const colds = (args[0] as unknown as unknown[]).map(accOf);
      const opt = args[1] as { isSome: boolean; unwrap(): unknown[] };
      result = stakeAvailability(chain, colds, opt.isSome ? opt.unwrap().map(numOf) : null, b);
      break;
    }
    case 'StakeInfoRuntimeApi_get_coldkey_lock': {
      const l = chain.locks.rolled(accOf(args[0]), numOf(args[1]), b)?.state;
      result = l ? { lockedMass: l.lockedMass, conviction: { bits: l.conviction }, lastUpdate: l.lastUpdate } : null;
      break;
    }
    case 'StakeInfoRuntimeApi_get_hotkey_conviction':
      result = { bits: hotkeyConviction(chain, accOf(args[0]), numOf(args[1]), b) };
      break;
    case 'StakeInfoRuntimeApi_get_most_convicted_hotkey_on_subnet':
      result = mostConvicted(chain, numOf(args[0]), b);
      break;
    case 'StakeInfoRuntimeApi_get_stake_fee': {
      const amount = bigOf(args[4]);
      const origin = args[0] as { isSome: boolean; unwrap(): unknown[] };
      const dest = args[2] as { isSome: boolean; unwrap(): unknown[] };
      const same = origin.toString() === dest.toString();
      const side = dest.isSome ? dest.unwrap() : origin.isSome ? origin.unwrap() : undefined;
      const n = side ? numOf(side[1]) : 0;
      result = same || n === 0 ? 0n : balancerFee(amount, feeRate(chain.specAt(b)));
      break;
    }
    case 'SubnetInfoRuntimeApi_get_all_dynamic_info': {
      const max = Math.max(...[...chain.subnets.values()].filter((s) => s.registeredAt <= b).map((s) => s.netuid));
      result = Array.from({ length: max + 1 }, (_, n) => dynamicInfo(chain, n, b));
      break;
    }
    case 'SubnetInfoRuntimeApi_get_dynamic_info':
      result = dynamicInfo(chain, numOf(args[0]), b);
      break;
    case 'SubnetInfoRuntimeApi_get_next_epoch_start_block': {
      const n = numOf(args[0]);
      result = subnetsAt(chain, b).includes(n) ? BigInt(chain.epochs.nextEpochStart(n, b) ?? 0) : null;
      break;
    }
    case 'SubnetInfoRuntimeApi_get_subnet_account_id': {
      const n = numOf(args[0]);
      result = n === 0 || subnetsAt(chain, b).includes(n) ? subnetAccount(n) : null;
      break;
    }
    case 'SwapRuntimeApi_current_alpha_price':
      result = chain.priceRao(numOf(args[0]), b);
      break;
    case 'SwapRuntimeApi_current_alpha_price_all':
      result = allPrices(chain, b);
      break;
    case 'SwapRuntimeApi_sim_swap_tao_for_alpha':
    case 'SwapRuntimeApi_sim_swap_alpha_for_tao':
      result = simSwap(chain, numOf(args[0]), bigOf(args[1]), method.endsWith('tao_for_alpha'), b);
      break;
    default: {
      const basket = method.startsWith('BetaBasketRuntimeApi_')
        ? basketApi(chain, method.slice('BetaBasketRuntimeApi_'.length), { acc: (i) => accOf(args[i]) }, b)
        : undefined;
      if (basket === undefined) throw new RuntimeApiError(`Execution failed: devnet does not implement ${method}`);
      result = basket;
    }
  }
  return u8aToHex(rt.registry.createTypeUnsafe(def.output, [result]).toU8a());
}

/** Sum of the coldkey locks' conviction bound to the hotkey (the runtime's aggregate, without owner rules). */
function hotkeyConviction(chain: Chain, hot: Acc, netuid: number, b: number): bigint {
  let sum = 0n;
  for (const l of chain.locks.locksOnHotkey(hot, b)) {
    if (l.netuid === netuid) sum += chain.locks.rolled(l.cold, netuid, b)?.state.conviction ?? 0n;
  }
  return sum;
}

function mostConvicted(chain: Chain, netuid: number, b: number): Acc | null {
  let best: Acc | null = null;
  let bestConviction = 0n;
  for (const hot of chain.owners.keys()) {
    const c = hotkeyConviction(chain, hot, netuid, b);
    if (c > bestConviction) [best, bestConviction] = [hot, c];
  }
  return best;
}
