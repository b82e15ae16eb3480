/** Builders for raw events, checkpoints and snapshots used by the engine tests and the benchmark. */
import type { ChainEventKind, StakeEvent } from '../ledger';
import type { PositionCheckpoint } from '../emissions';
import type { SubnetSnapshot } from '../prices';

export const TAO = 1_000_000_000n;
/** 1.0 α in alpha-rao */
export const A = 1_000_000_000n;
export const T0 = Date.UTC(2025, 9, 1); // 2025-10-01
export const BLOCK_MS = 12_000;

export function tsOf(block: number): number {
  return T0 + block * BLOCK_MS;
}

export interface EvOpts {
  block: number;
  ext?: number | null;
  idx?: number;
  spec?: number;
  cold?: string;
  hot?: string | null;
  netuid?: number | null;
  tao?: bigint;
  alpha?: bigint;
  fee?: bigint;
  counter?: string | null;
  destHot?: string | null;
  destNet?: number | null;
}

export function ev(kind: ChainEventKind, o: EvOpts): StakeEvent {
  return {
    blockNumber: o.block,
    blockHash: `0x${o.block.toString(16).padStart(8, '0')}`,
    timestamp: tsOf(o.block),
    specVersion: o.spec ?? 320,
    extrinsicIndex: o.ext === undefined ? 1 : o.ext,
    eventIndex: o.idx ?? 0,
    kind,
    coldkey: o.cold ?? 'C1',
    counterpartyColdkey: o.counter ?? null,
    hotkey: o.hot === undefined ? 'H1' : o.hot,
    netuid: o.netuid === undefined ? 1 : o.netuid,
    destHotkey: o.destHot ?? null,
    destNetuid: o.destNet ?? null,
    tao: o.tao ?? 0n,
    alpha: o.alpha ?? 0n,
    fee: o.fee ?? 0n,
    feeUnit: null,
  };
}

export function cp(
  block: number,
  alpha: bigint,
  o: {
    cold?: string;
    hot?: string;
    netuid?: number;
    poolValue?: bigint;
    ownsHotkey?: boolean;
    epochIndex?: bigint;
  } = {},
): PositionCheckpoint {
  return {
    blockNumber: block,
    timestamp: tsOf(block),
    coldkey: o.cold ?? 'C1',
    hotkey: o.hot === undefined ? 'H1' : o.hot,
    netuid: o.netuid === undefined ? 1 : o.netuid,
    alpha,
    ...(o.poolValue === undefined ? {} : { poolValue: o.poolValue }),
    ...(o.ownsHotkey === undefined ? {} : { ownsHotkey: o.ownsHotkey }),
    ...(o.epochIndex === undefined ? {} : { epochIndex: o.epochIndex }),
  };
}

/** Snapshot with spot price `price` (rao per α) and reserves consistent with it (alphaIn = 1,000,000 α). */
export function snap(
  block: number,
  netuid: number,
  price: bigint,
  o: { alphaOut?: bigint; spec?: number; alphaIn?: bigint; taoInEmission?: bigint; registeredAt?: number } = {},
): SubnetSnapshot {
  const alphaIn = o.alphaIn ?? 1_000_000n * A;
  return {
    blockNumber: block,
    timestamp: tsOf(block),
    netuid,
    taoIn: (alphaIn * price) / A,
    alphaIn,
    alphaOut: o.alphaOut ?? 500_000n * A,
    price,
    specVersion: o.spec ?? 320,
    ...(o.taoInEmission === undefined ? {} : { taoInEmission: o.taoInEmission }),
    ...(o.registeredAt === undefined ? {} : { registeredAt: o.registeredAt }),
  };
}
