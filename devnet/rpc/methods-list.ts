/**
 * rpc_methods: a real finney list — `rpc_methods.json` written by metadata:pull, or the 176 entries
 * recorded from a lite node (devnet/metadata/provenance.json names the recording) — else this built-in subset covering every method
 * the devnet serves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metadataDirs } from '../scale/metadata-files.js';

export const SERVED = [
  'chain_getBlock',
  'chain_getBlockHash',
  'chain_getFinalisedHead',
  'chain_getFinalizedHead',
  'chain_getHead',
  'chain_getHeader',
  'chain_getRuntimeVersion',
  'chain_subscribeAllHeads',
  'chain_subscribeFinalisedHeads',
  'chain_subscribeFinalizedHeads',
  'chain_subscribeNewHead',
  'chain_subscribeNewHeads',
  'chain_subscribeRuntimeVersion',
  'chain_unsubscribeAllHeads',
  'chain_unsubscribeFinalisedHeads',
  'chain_unsubscribeFinalizedHeads',
  'chain_unsubscribeNewHead',
  'chain_unsubscribeNewHeads',
  'chain_unsubscribeRuntimeVersion',
  'rpc_methods',
  'state_call',
  'state_callAt',
  'state_getKeysPaged',
  'state_getKeysPagedAt',
  'state_getMetadata',
  'state_getRuntimeVersion',
  'state_getStorage',
  'state_getStorageAt',
  'state_getStorageHash',
  'state_getStorageSize',
  'state_queryStorage',
  'state_queryStorageAt',
  'system_nodeRoles',
  'system_peers',
  'system_syncState',
  'state_subscribeRuntimeVersion',
  'state_subscribeStorage',
  'state_unsubscribeRuntimeVersion',
  'state_unsubscribeStorage',
  'system_chain',
  'system_chainType',
  'system_health',
  'system_name',
  'system_properties',
  'system_version',
];

let cached: string[] | undefined;

export function rpcMethods(): string[] {
  if (cached) return cached;
  const covers = (m: string[]) => SERVED.every((s) => m.includes(s) || s.includes('Finalised') || s === 'state_callAt');
  for (const dir of metadataDirs()) {
    const pulled = join(dir, 'rpc_methods.json');
    if (existsSync(pulled)) {
      try {
        const m = JSON.parse(readFileSync(pulled, 'utf8')) as string[];
        if (covers(m)) return (cached = m);
      } catch {
        // ignore a malformed cache file
      }
    }
    const f = join(dir, 'bittensor_sdk_integration_websocket_data.json');
    if (!existsSync(f)) continue;
    try {
      const data = JSON.parse(readFileSync(f, 'utf8')) as Record<
        string,
        Record<string, Record<string, { result?: { methods?: string[] } }>>
      >;
      const m = data['get_balance']?.['rpc_methods']?.['[]']?.result?.methods;
      if (m && covers(m)) {
        cached = m;
        return m;
      }
    } catch {
      // fall through to the built-in list
    }
  }
  cached = [...SERVED].sort();
  return cached;
}
