// Registries of real finney runtimes (vendored metadata) for unit tests that decode or encode
// chain values without a node.
import { Metadata, TypeRegistry } from '@polkadot/types';
import { specFiles } from '../../devnet/scale/metadata-files';
import type { BlockRuntime } from '../sync/reader';

const registries = new Map<number, TypeRegistry>();

/** The registry of finney runtime `spec`, from its newest metadata version (runtime APIs from V15). */
export function registryOf(spec: number): TypeRegistry {
  let registry = registries.get(spec);
  if (!registry) {
    const files = specFiles(spec);
    const version = Math.max(...files.byVersion.keys());
    registry = new TypeRegistry();
    registry.setMetadata(new Metadata(registry, files.byVersion.get(version)), undefined, undefined, true);
    registries.set(spec, registry);
  }
  return registry;
}

export function runtimeOf(spec: number): BlockRuntime {
  return { registry: registryOf(spec), specVersion: spec };
}
