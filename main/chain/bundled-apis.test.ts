// Bundled runtime-API definitions for V14-only runtimes are chosen per API by the declared version.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { describe, expect, it } from 'vitest';
import { apiId, attachBundledApis, bundledApiFor, bundledApis } from './bundled-apis';

describe('bundled runtime-API definitions (metadata 455)', () => {
  it('lists the 455 API versions', () => {
    const v = (name: string) => bundledApis().get(name)?.version;
    expect([
      v('StakeInfoRuntimeApi'),
      v('SubnetInfoRuntimeApi'),
      v('SwapRuntimeApi'),
      v('BetaBasketRuntimeApi'),
    ]).toEqual([1, 2, 1, 3]);
    expect(bundledApis().get('BetaBasketRuntimeApi')?.outputs.has('get_basket_payout')).toBe(true);
  });

  it('attaches an API only where the runtime declares the bundled version', () => {
    // A V14 runtime's registry: its metadata lists no runtime APIs.
    const registry = new TypeRegistry();
    const v14 = gunzipSync(readFileSync('devnet/metadata/finney_spec393_metadata_v14.scale.gz'));
    registry.setMetadata(new Metadata(registry, new Uint8Array(v14)));
    attachBundledApis(
      registry,
      new Map([
        [apiId('StakeInfoRuntimeApi'), 1],
        [apiId('SwapRuntimeApi'), 2],
        [apiId('BetaBasketRuntimeApi'), 5],
      ]),
    );
    expect(bundledApiFor(registry, 'StakeInfoRuntimeApi')?.outputs.get('get_stake_info_for_coldkey')).toBeTruthy();
    expect(bundledApiFor(registry, 'SwapRuntimeApi')).toBeUndefined(); // declared 2, bundled 1
    expect(bundledApiFor(registry, 'BetaBasketRuntimeApi')).toBeUndefined(); // real 475 declares 5
    expect(bundledApiFor(registry, 'SubnetInfoRuntimeApi')).toBeUndefined(); // not declared
  });

  it('decodes a u64 answer with the bundled type', () => {
    const api = bundledApis().get('SwapRuntimeApi')!;
    const type = api.outputs.get('current_alpha_price')!;
    expect(api.registry.createType(type, new Uint8Array([0, 202, 154, 59, 0, 0, 0, 0])).toString()).toBe('1000000000');
  });
});
