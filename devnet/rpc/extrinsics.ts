/**
 * chain_getBlock extrinsics: the timestamp.set inherent at index 0, then one fake-signed extrinsic
 * per recorded action (signature bytes are not real; PJS decodes them but nobody can verify them),
 * so event phases ApplyExtrinsic(i) point at a real extrinsic with the right signer and nonce.
 */
import { expandMetadata } from '@polkadot/types/metadata/decorate';
import type { DecoratedMeta } from '@polkadot/types/metadata/decorate/types';
import type { Chain, Action } from '../chain/chain.js';
import { runtimeFor } from '../scale/runtime.js';
import type { Runtime } from '../scale/runtime.js';
import { GENESIS_HASH } from '../chain/chain.js';
import { stakeAndHotkeyArgs } from '../chain/types.js';

const decorated = new Map<number, DecoratedMeta>();

function meta(rt: Runtime): DecoratedMeta {
  let d = decorated.get(rt.spec);
  if (!d) decorated.set(rt.spec, (d = expandMetadata(rt.registry, rt.metadata)));
  return d;
}

type TxFactory = (...args: unknown[]) => { toU8a(): Uint8Array; method: unknown };

function call(d: DecoratedMeta, section: string, method: string, args: unknown[]): unknown {
  const sec = (d.tx as unknown as Record<string, Record<string, TxFactory> | undefined>)[section];
  const fn = sec?.[method];
  return fn ? fn(...args) : null;
}

function callFor(d: DecoratedMeta, a: Action): unknown {
  switch (a.kind) {
    case 'add_stake':
      return call(d, 'subtensorModule', 'addStake', [a.hotkey, a.netuid, a.tao]);
    case 'remove_stake':
      return call(d, 'subtensorModule', 'removeStake', [a.hotkey, a.netuid, a.alpha]);
    case 'unstake_all':
      return call(d, 'subtensorModule', 'unstakeAll', [a.hotkey]);
    case 'move_stake':
      return call(d, 'subtensorModule', 'moveStake', [
        a.originHotkey,
        a.destHotkey,
        a.originNetuid,
        a.destNetuid,
        a.alpha,
      ]);
    case 'transfer_stake':
      return call(d, 'subtensorModule', 'transferStake', [
        a.destColdkey,
        a.hotkey,
        a.originNetuid,
        a.destNetuid,
        a.alpha,
      ]);
    case 'swap_stake':
      return call(d, 'subtensorModule', 'swapStake', [a.hotkey, a.originNetuid, a.destNetuid, a.alpha]);
    case 'set_root_claim_type':
      return call(d, 'subtensorModule', 'setRootClaimType', [a.claimType]);
    case 'set_coldkey_auto_stake_hotkey':
      return call(d, 'subtensorModule', 'setColdkeyAutoStakeHotkey', [a.netuid, a.hotkey]);
    case 'transfer':
      return call(d, 'balances', 'transferKeepAlive', [a.dest, a.tao]);
    case 'recycle_alpha':
      return call(d, 'subtensorModule', 'recycleAlpha', [a.hotkey, a.alpha, a.netuid]);
    case 'burn_alpha':
      return call(d, 'subtensorModule', 'burnAlpha', [a.hotkey, a.alpha, a.netuid]);
    case 'set_code':
      return call(d, 'system', 'remark', ['0x']);
    case 'lock_stake':
      return call(d, 'subtensorModule', 'lockStake', [a.hotkey, a.netuid, a.alpha]);
    case 'move_lock':
      return call(d, 'subtensorModule', 'moveLock', [a.destHotkey, a.netuid]);
    case 'add_stake_burn':
      return call(d, 'subtensorModule', 'addStakeBurn', [a.hotkey, a.netuid, a.tao, null]);
    case 'swap_hotkey':
      return call(d, 'subtensorModule', 'swapHotkey', [a.hotkey, a.newHotkey, null]);
    case 'swap_coldkey':
      return call(d, 'sudo', 'sudo', [call(d, 'subtensorModule', 'swapColdkey', [a.oldColdkey, a.newColdkey, 0])]);
    case 'dissolve_network':
      return call(d, 'sudo', 'sudo', [call(d, 'subtensorModule', 'rootDissolveNetwork', [a.netuid])]);
    case 'claim_root':
      return a.hotkey
        ? call(d, 'subtensorModule', 'claimRootWithHotkey', [a.hotkey])
        : call(d, 'subtensorModule', 'claimRoot', [[]]);
    case 'stake_into_basket':
      return call(d, 'subtensorModule', 'stakeIntoBasket', [a.hotkey, a.tao]);
    case 'transfer_stake_and_hotkey':
      return call(d, 'subtensorModule', 'transferStakeAndHotkey', [...stakeAndHotkeyArgs(a)]);
    case 'add_collateral':
      return call(d, 'subtensorModule', 'addCollateral', [a.netuid, a.hotkey, a.alpha, 0]);
    case 'limit_orders': {
      const orders = a.orders.map((o) => ({
        order: {
          V1: {
            signer: o.signer,
            hotkey: o.hotkey,
            netuid: a.netuid,
            orderType: o.side === 'buy' ? 'LimitBuy' : 'TakeProfit',
            amount: o.amount,
            limitPrice: o.side === 'buy' ? 1_000_000_000_000_000n : 0,
            expiry: 0,
            feeRate: o.feePpb,
            feeRecipient: o.feeRecipient,
            relayer: null,
            maxSlippage: null,
            chainId: 0,
            partialFillsEnabled: false,
          },
        },
        signature: { Sr25519: '0x' + '00'.repeat(64) },
        partialFill: null,
      }));
      return a.batched
        ? call(d, 'limitOrders', 'executeBatchedOrders', [a.netuid, orders])
        : call(d, 'limitOrders', 'executeOrders', [orders, false]);
    }
  }
}

export function buildExtrinsics(chain: Chain, b: number): string[] {
  if (b === 0) return [];
  const rt = runtimeFor(chain.specAt(b));
  const d = meta(rt);
  const out: string[] = [];
  const ts = call(d, 'timestamp', 'set', [chain.timestampAt(b)]);
  out.push(rt.registry.createTypeUnsafe('Extrinsic', [ts]).toHex());
  for (const xt of chain.blocks.get(b)?.xts ?? []) {
    try {
      const c = callFor(d, xt.action) ?? call(d, 'system', 'remark', ['0x']);
      const ext = rt.registry.createTypeUnsafe('Extrinsic', [c]) as unknown as {
        signFake(signer: string, o: Record<string, unknown>): { toHex(): string };
      };
      out.push(
        ext
          .signFake(xt.signer, {
            nonce: xt.nonce,
            blockHash: GENESIS_HASH,
            genesisHash: GENESIS_HASH,
            runtimeVersion: rt.version,
            signedExtensions: rt.registry.signedExtensions,
          })
          .toHex(),
      );
    } catch {
      out.push(rt.registry.createTypeUnsafe('Extrinsic', [call(d, 'system', 'remark', ['0x'])]).toHex());
    }
  }
  return out;
}
