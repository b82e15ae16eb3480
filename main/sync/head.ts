// What the coldkey's stake can be sold for at the head: locked and available α per subnet
// (get_stake_availability_for_coldkeys) and the exact exit of the available α
// (sim_swap_alpha_for_tao), per position and per subnet (docs/chain/locks.md).
import type { Codec } from '@polkadot/types-codec/types';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';
import type { ExitQuote, PositionExitRow, PositionRow, SubnetStakeRow } from '../db/repos/chain-facts';
import { bigField } from './checkpoints';
import type { BlockRuntime, ChainReader } from './reader';
import { runtimeFeatures } from './runtime-features';
import { keys, trailingAccount } from './storage-keys';

export interface HeadExits {
  positions: PositionExitRow[];
  subnets: SubnetStakeRow[];
}

const u16le = (n: number) => new Uint8Array([n & 0xff, (n >> 8) & 0xff]);
const u64le = (v: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
};

interface Availability {
  total: bigint;
  locked: bigint;
  available: bigint;
}

/** get_stake_availability_for_coldkeys([coldkey], None): netuid → {total, locked, available}. */
async function readAvailability(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  coldkey: string,
  block: number,
): Promise<Map<number, Availability>> {
  // Vec<AccountId> of one (compact length 1 = 0x04) and netuids = None (0x00): every subnet.
  const args = u8aToHex(u8aConcat(new Uint8Array([4]), decodeAddress(coldkey), new Uint8Array([0])));
  const what = `stake availability at block ${block}`;
  const result = await reader.runtimeCall(
    runtime,
    hash,
    'StakeInfoRuntimeApi',
    'get_stake_availability_for_coldkeys',
    args,
    what,
  );
  const out = new Map<number, Availability>();
  for (const [, perSubnet] of result as unknown as Map<Codec, Map<Codec, Codec>>) {
    for (const [netuid, a] of perSubnet) {
      out.set(Number(netuid.toString()), {
        total: bigField(a, 'total', what),
        locked: bigField(a, 'locked', what),
        available: bigField(a, 'available', what),
      });
    }
  }
  return out;
}

/** The hotkey each subnet's lock is held for: the keys of Lock(coldkey, netuid, hotkey). */
async function lockHotkeys(reader: ChainReader, hash: string, coldkey: string): Promise<Map<number, string>> {
  const found = await reader.keysPaged(keys.lockPrefix(coldkey), hash, 'the locks of this coldkey');
  const out = new Map<number, string>();
  const netuidAt = keys.lockPrefix(coldkey).length / 2 - 1; // bytes of the prefix, after 0x
  for (const k of found) {
    const bytes = Buffer.from(k.slice(2), 'hex');
    out.set(bytes.readUInt16LE(netuidAt), encodeAddress(trailingAccount(k), 42));
  }
  return out;
}

/** sim_swap_alpha_for_tao(netuid, alpha); null when the runtime could not simulate (all zeros). */
async function simulateSale(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  netuid: number,
  alpha: bigint,
  block: number,
): Promise<ExitQuote | null> {
  const what = `the exit value of ${alpha} α on subnet ${netuid} at block ${block}`;
  const r = await reader.runtimeCall(
    runtime,
    hash,
    'SwapRuntimeApi',
    'sim_swap_alpha_for_tao',
    u8aToHex(u8aConcat(u16le(netuid), u64le(alpha))),
    what,
  );
  const tao = bigField(r, 'taoAmount', what);
  if (tao === 0n && bigField(r, 'alphaAmount', what) === 0n) return null;
  const slippage = (r as unknown as { get(n: string): (Codec & { toBigInt(): bigint }) | undefined }).get(
    'taoSlippage',
  );
  return { tao, alphaFee: bigField(r, 'alphaFee', what), slippage: slippage ? slippage.toBigInt() : null };
}

/**
 * Splits a subnet's lock over the coldkey's positions on it: the lock's own hotkey first, then the
 * others by α (largest first, then hotkey). The chain checks the lock subnet-wide, so this is an
 * attribution for display, the subnet totals are the chain's.
 */
export function attributeLock(
  positions: readonly PositionRow[],
  locked: bigint,
  lockHotkey: string | null,
): Map<string, bigint> {
  const order = [...positions].sort(
    (a, b) =>
      Number(b.hotkey === lockHotkey) - Number(a.hotkey === lockHotkey) ||
      (a.alpha > b.alpha ? -1 : a.alpha < b.alpha ? 1 : a.hotkey < b.hotkey ? -1 : 1),
  );
  const out = new Map<string, bigint>();
  let left = locked;
  for (const p of order) {
    const take = left < p.alpha ? left : p.alpha;
    out.set(p.hotkey, take);
    left -= take;
  }
  return out;
}

/** Locks and exit values of every held position at the head block. */
export async function headExits(
  reader: ChainReader,
  runtime: BlockRuntime,
  hash: string,
  block: number,
  coldkey: string,
  positions: readonly PositionRow[],
): Promise<HeadExits> {
  const features = runtimeFeatures(runtime.registry);
  const held = positions.filter((p) => p.alpha > 0n);
  const netuids = [...new Set(held.map((p) => p.netuid))].sort((a, b) => a - b);
  const availability = features.availability
    ? await readAvailability(reader, runtime, hash, coldkey, block)
    : new Map<number, Availability>();
  const anyLock = [...availability.values()].some((a) => a.locked > 0n);
  const lockHolders = features.locks && anyLock ? await lockHotkeys(reader, hash, coldkey) : new Map<number, string>();
  // Nothing available (all locked) sells for exactly nothing.
  const sim = (netuid: number, alpha: bigint): Promise<ExitQuote | null> =>
    !features.simSell
      ? Promise.resolve(null)
      : alpha === 0n
        ? Promise.resolve({ tao: 0n, alphaFee: 0n, slippage: 0n })
        : simulateSale(reader, runtime, hash, netuid, alpha, block);

  const subnets = await Promise.all(
    netuids.map(async (netuid): Promise<{ row: SubnetStakeRow; onSubnet: PositionRow[] }> => {
      const onSubnet = held.filter((p) => p.netuid === netuid);
      const total = onSubnet.reduce((sum, p) => sum + p.alpha, 0n);
      const a = availability.get(netuid);
      const locked = a?.locked ?? 0n;
      const available = a?.available ?? total;
      // One position: its exit is the subnet's; several: the whole available α is quoted too.
      const exit = onSubnet.length > 1 ? await sim(netuid, available) : null;
      return {
        onSubnet,
        row: {
          netuid,
          total: a?.total ?? total,
          locked,
          available,
          lockHotkey: locked > 0n ? (lockHolders.get(netuid) ?? null) : null,
          locksRead: features.availability,
          exit,
        },
      };
    }),
  );
  const rows = await Promise.all(
    subnets.flatMap(({ row, onSubnet }) => {
      const lockedBy = attributeLock(onSubnet, row.locked, row.lockHotkey);
      return onSubnet.map(async (p): Promise<PositionExitRow> => {
        const locked = lockedBy.get(p.hotkey) ?? 0n;
        const available = p.alpha - locked;
        return { ...p, locked, available, exit: await sim(p.netuid, available) };
      });
    }),
  );
  for (const s of subnets) if (s.onSubnet.length === 1) s.row.exit = rows.find((r) => r.netuid === s.row.netuid)!.exit;
  return { positions: rows, subnets: subnets.map((s) => s.row) };
}
