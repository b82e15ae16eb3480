// The pallets of a runtime's metadata, typed as far as sync reads them. @polkadot/types exposes
// `registry.metadata` as the latest metadata version's codec; this is the one place that narrows it.
import type { Registry } from '@polkadot/types/types';

interface StorageItemMeta {
  name: { toString(): string };
  type: { isPlain: boolean; asPlain: { toNumber(): number }; asMap: { value: { toNumber(): number } } };
}

export interface PalletMeta {
  name: { toString(): string };
  index: { toNumber(): number };
  events: { isSome: boolean; unwrap(): { type: { toNumber(): number } } };
  storage: { isSome: boolean; unwrap(): { items: StorageItemMeta[] } };
}

export function metadataPallets(registry: Registry): PalletMeta[] {
  return (registry.metadata as unknown as { pallets: PalletMeta[] }).pallets;
}
