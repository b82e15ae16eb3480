/**
 * Runtime APIs served through state_call, computed from chain state at a block and SCALE-encoded
 * with the output type the runtime's own metadata declares.
 */
import { u8aToHex, hexToU8a, u8aToU8a } from '@polkadot/util';
import type { Chain } from './chain.js';
import type { Acc } from './accounts.js';
import { epochBlock, epochsAt } from './emissions.js';
import { buyAlpha, sellAlpha, swapFee } from './pools.js';
import type { Runtime } from '../scale/runtime.js';

export class RuntimeApiError extends Error {}

function stakeInfos(chain: Chain, cold: Acc, b: number) {
  const out = [];
  for (const p of chain
    .positionsOf(cold)
    .sort((x, y) => (x.hotkey < y.hotkey ? -1 : x.hotkey > y.hotkey ? 1 : x.netuid - y.netuid))) {
    const stake = chain.stake(p.hotkey, cold, p.netuid, b);
    if (stake === 0n) continue;
    out.push(stakeInfo(chain, p.hotkey, cold, p.netuid, stake, b));
  }
  return out;
}

function stakeInfo(chain: Chain, hot: Acc, cold: Acc, netuid: number, stake: bigint, b: number) {
  return {
    hotkey: hot,
    coldkey: cold,
    netuid,
    stake,
    locked: 0,
    emission: chain.dividends(hot, netuid, b),
    taoEmission: 0,
    drain: 0,
    isRegistered: true,
  };
}

function dynamicInfo(chain: Chain, netuid: number, b: number) {
  const sub = chain.subnets.get(netuid);
  if (!sub || sub.registeredAt > b) return null;
  const e = epochsAt(netuid, b);
  const lastStep = e === 0 ? sub.registeredAt : epochBlock(netuid, e);
  const taoIn = chain.subnetTao(netuid, b);
  const alphaIn = chain.subnetAlphaIn(netuid, b);
  const alphaOut = chain.subnetAlphaOut(netuid, b);
  const perBlock = netuid === 0 ? 0n : (alphaOut * sub.growthPpb) / 1_000_000_000n / 361n;
  const price = netuid === 0 ? 1n << 32n : alphaIn === 0n ? 0n : (taoIn << 32n) / alphaIn;
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
    alphaInEmission: sub.alphaInPerBlock,
    taoInEmission: sub.taoInPerBlock,
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
  let result: unknown;
  switch (method) {
    case 'StakeInfoRuntimeApi_get_stake_info_for_coldkey':
      result = stakeInfos(chain, accOf(args[0]), b);
      break;
    case 'StakeInfoRuntimeApi_get_stake_info_for_coldkeys': {
      const colds = (args[0] as unknown as unknown[]).map(accOf);
      result = colds.map((c) => [c, stakeInfos(chain, c, b)]);
      break;
    }
    case 'StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid': {
      const [hot, cold, n] = [accOf(args[0]), accOf(args[1]), numOf(args[2])];
      const stake = chain.stake(hot, cold, n, b);
      result = stake === 0n ? null : stakeInfo(chain, hot, cold, n, stake, b);
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
    case 'SwapRuntimeApi_current_alpha_price':
      result = chain.priceRao(numOf(args[0]), b);
      break;
    case 'SwapRuntimeApi_sim_swap_tao_for_alpha':
    case 'SwapRuntimeApi_sim_swap_alpha_for_tao': {
      const n = numOf(args[0]);
      const amount = bigOf(args[1]);
      const spec = chain.specAt(b);
      const y = chain.subnetTao(n, b);
      const x = chain.subnetAlphaIn(n, b);
      if (method.endsWith('tao_for_alpha')) {
        const fee = n === 0 ? 0n : swapFee(spec, amount);
        const alpha = n === 0 ? amount : buyAlpha(y, x, amount - fee);
        result = { taoAmount: amount, alphaAmount: alpha, taoFee: fee, alphaFee: 0 };
      } else {
        const fee = n === 0 ? 0n : swapFee(spec, amount);
        const tao = n === 0 ? amount : sellAlpha(y, x, amount - fee);
        result = { taoAmount: tao, alphaAmount: amount, taoFee: 0, alphaFee: fee };
      }
      break;
    }
    default:
      throw new RuntimeApiError(`Execution failed: devnet does not implement ${method}`);
  }
  return u8aToHex(rt.registry.createTypeUnsafe(def.output, [result]).toU8a());
}
