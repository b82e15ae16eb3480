// The chain events and storage values sync decodes by position, with every shape they have had on
// finney. A runtime whose metadata gives one of them another shape is refused with a clear error
// instead of being read into wrong rows (docs/chain/runtimes.md).
import type { Registry } from '@polkadot/types/types';
import { ChainError } from '../chain/client';
import { metadataPallets } from './metadata-pallets';

/** `name:type` per field (`type` alone for unnamed fields), as the metadata describes them. */
type Shape = string;

const ORDER_TYPE = 'order_type:{"_enum":["LimitBuy","TakeProfit","StopLoss"]}';

/** pallet → event → accepted shapes (oldest first). Sources in docs/chain/runtimes.md. */
export const KNOWN_EVENTS: Record<string, Record<string, readonly Shape[]>> = {
  SubtensorModule: {
    // (hotkey, amount) before dTAO (spec < 224), no fee field until 257.
    StakeAdded: ['AccountId32,u64', 'AccountId32,AccountId32,u64,u64,u16', 'AccountId32,AccountId32,u64,u64,u16,u64'],
    StakeRemoved: ['AccountId32,u64', 'AccountId32,AccountId32,u64,u64,u16', 'AccountId32,AccountId32,u64,u64,u16,u64'],
    StakeMoved: ['AccountId32,AccountId32,u16,AccountId32,u16,u64'],
    StakeTransferred: ['AccountId32,AccountId32,AccountId32,u16,u16,u64'],
    StakeSwapped: ['AccountId32,AccountId32,u16,u16,u64'],
    AlphaRecycled: ['AccountId32,AccountId32,u64,u16'],
    AlphaBurned: ['AccountId32,AccountId32,u64,u16'],
    // {coldkey, tao} from 441 (docs/chain/baskets.md).
    RootClaimed: ['coldkey:AccountId32', 'coldkey:AccountId32,tao:u64'],
    BasketStakedIn: ['hotkey:AccountId32,coldkey:AccountId32,tao:u64,value:u64,shares:u64'],
    BasketClaimed: ['hotkey:AccountId32,coldkey:AccountId32,tao:u64'],
    BasketClaimDustSkipped: ['hotkey:AccountId32,coldkey:AccountId32,rows:u32,forfeited_tao_est:u64'],
    StakeAndHotkeyTransferred: [
      'origin_coldkey:AccountId32,destination_coldkey:AccountId32,origin_hotkey:AccountId32,destination_hotkey:AccountId32,origin_netuid:u16,destination_netuid:u16,amount:u64',
    ],
    TransactionFeePaidWithAlpha: [
      'who:AccountId32,alpha_fee:u64,tao_amount:u64',
      'who:AccountId32,netuid:u16,alpha_fee:u64,tao_amount:u64',
    ],
    StakeLocked: ['coldkey:AccountId32,hotkey:AccountId32,netuid:u16,amount:u64'],
    LockMoved: ['coldkey:AccountId32,origin_hotkey:AccountId32,destination_hotkey:AccountId32,netuid:u16'],
    HotkeySwapped: ['coldkey:AccountId32,old_hotkey:AccountId32,new_hotkey:AccountId32'],
    HotkeySwappedOnSubnet: ['coldkey:AccountId32,old_hotkey:AccountId32,new_hotkey:AccountId32,netuid:u16'],
    ColdkeySwapped: [
      'old_coldkey:AccountId32,new_coldkey:AccountId32',
      'old_coldkey:AccountId32,new_coldkey:AccountId32,swap_cost:u64',
    ],
    NetworkRemoved: ['u16'],
    SharePoolDenominatorReconciled: ['hotkey:AccountId32,netuid:u16'],
    AddStakeBurn: ['netuid:u16,hotkey:AccountId32,amount:u64,alpha:u64'],
    SubnetLeaseDividendsDistributed: ['lease_id:u32,contributor:AccountId32,alpha:u64'],
    // The same from 315 to 475 (docs/chain/emissions.md#miner-incentive-auto-staked).
    AutoStakeAdded: ['netuid:u16,destination:AccountId32,hotkey:AccountId32,owner:AccountId32,incentive:u64'],
  },
  Balances: {
    Transfer: ['from:AccountId32,to:AccountId32,amount:u64'],
  },
  LimitOrders: {
    OrderExecuted: [`order_id:H256,signer:AccountId32,netuid:u16,${ORDER_TYPE},amount_in:u64,amount_out:u64`],
    GroupExecutionSummary: [
      'netuid:u16,net_side:{"_enum":["Buy","Sell"]},net_amount:u64,actual_out:u64,executed_count:u32',
    ],
  },
};

/** Storage values read as raw little-endian integers: their value types must not change. */
export const KNOWN_STORAGE: Record<string, Record<string, readonly string[]>> = {
  SubtensorModule: {
    SubnetTAO: ['u64'],
    SubnetAlphaIn: ['u64'],
    SubnetAlphaOut: ['u64'],
    SubnetMechanism: ['u16'],
    LastColdkeyHotkeyStakeBlock: ['u64'],
    RootClaimed: ['u128'],
  },
  Swap: {
    SwapBalancer: ['{"quote":"Perquintill"}'],
    FeeRate: ['u16'],
  },
  Timestamp: { Now: ['u64'] },
};

interface SiField {
  name: { isSome: boolean; unwrap(): { toString(): string } };
  type: { toNumber(): number };
}
function fieldShape(registry: Registry, f: SiField): string {
  const type = registry.lookup.getTypeDef(f.type.toNumber()).type;
  return f.name.isSome ? `${f.name.unwrap().toString()}:${type}` : type;
}

/** Every relied-on event or storage value whose shape in this runtime is not a known one. */
export function unknownShapes(registry: Registry): string[] {
  const pallets = metadataPallets(registry);
  const changed: string[] = [];
  for (const pallet of pallets) {
    const name = pallet.name.toString();
    const events = KNOWN_EVENTS[name];
    if (events && pallet.events.isSome) {
      const def = registry.lookup.getSiType(pallet.events.unwrap().type.toNumber()).def as unknown as {
        asVariant: { variants: { name: { toString(): string }; fields: SiField[] }[] };
      };
      for (const variant of def.asVariant.variants) {
        const known = events[variant.name.toString()];
        if (!known) continue;
        const shape = variant.fields.map((f) => fieldShape(registry, f)).join(',');
        if (!known.includes(shape)) changed.push(`${name}.${variant.name.toString()}(${shape})`);
      }
    }
    const storage = KNOWN_STORAGE[name];
    if (storage && pallet.storage.isSome) {
      for (const item of pallet.storage.unwrap().items) {
        const known = storage[item.name.toString()];
        if (!known) continue;
        const id = item.type.isPlain ? item.type.asPlain.toNumber() : item.type.asMap.value.toNumber();
        const type = registry.lookup.getTypeDef(id).type;
        if (!known.includes(type)) changed.push(`${name}.${item.name.toString()}: ${type}`);
      }
    }
  }
  return changed;
}

const checked = new WeakMap<Registry, string[]>();

/**
 * Refuses a runtime that changed an event or value sync relies on. Decoding it by the known layout
 * would silently produce wrong rows; stopping keeps everything recorded so far and says why.
 */
export function assertKnownShapes(registry: Registry, specVersion: number): void {
  let changed = checked.get(registry);
  if (!changed) checked.set(registry, (changed = unknownShapes(registry)));
  if (changed.length === 0) return;
  throw new ChainError(
    'unsupported-runtime',
    `Runtime ${specVersion} changed ${changed.length === 1 ? 'a chain event or value' : `${changed.length} chain events or values`} Taofolio relies on: ${changed.join('; ')}. ` +
      'Recording stops before this runtime rather than store wrong amounts; everything before it is kept. A Taofolio update that knows this runtime is needed.',
  );
}
