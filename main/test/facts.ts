import type { DB } from '../db/open';
import type { FeeUnit } from '../../shared/vocab';

/** What a stake event and a silent effect row both carry: where, whose, what kind and the amounts. */
export interface FactRow {
  block: number;
  eventIndex: number;
  kind: string;
  coldkey: string;
  hotkey: string;
  netuid: number;
  tao: bigint;
  alpha: bigint;
}

/** Insert chain facts directly, as sync would have stored them (for service tests). */
export function factsWriter(db: DB) {
  const block = db.prepare(
    'INSERT OR IGNORE INTO blocks (number, hash, parent_hash, timestamp, spec_version) VALUES (?, ?, ?, ?, ?)',
  );
  const event =
    db.prepare(`INSERT INTO stake_events (block_number, block_hash, extrinsic_index, event_index, spec_version, timestamp, kind, coldkey,
      counterparty_coldkey, hotkey, netuid, dest_hotkey, dest_netuid, tao, alpha, fee, fee_unit, raw)
    VALUES (@block, @hash, @extrinsic, @eventIndex, @spec, @timestamp, @kind, @coldkey, @counterparty, @hotkey, @netuid, NULL, NULL, @tao, @alpha, @fee, @feeUnit, '{}')`);
  const checkpoint = db.prepare(
    'INSERT INTO position_checkpoints (block_number, coldkey, hotkey, netuid, alpha) VALUES (?, ?, ?, ?, ?)',
  );
  const snapshot = db.prepare(
    'INSERT INTO subnet_snapshots (block_number, netuid, tao_in, alpha_in, alpha_out, price, name, symbol, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const effect = db.prepare(
    `INSERT INTO silent_effects (block_number, block_hash, event_index, coldkey, hotkey, netuid, kind, alpha, tao)
     VALUES (@block, @hash, @eventIndex, @coldkey, @hotkey, @netuid, @kind, @alpha, @tao)`,
  );
  const hashOf = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;
  const DAY = 86_400_000;
  const t0 = Date.UTC(2025, 10, 10);

  return {
    /** Block n at 12 s per block from 2025-11-10, spec 343 unless given. */
    block(n: number, spec = 343) {
      block.run(n, hashOf(n), hashOf(n - 1), t0 + n * 12_000, spec);
      return { hash: hashOf(n), timestamp: t0 + n * 12_000 };
    },
    event(e: FactRow & { fee: bigint; feeUnit: FeeUnit; counterparty?: string; extrinsic?: number }) {
      const b = this.block(e.block);
      event.run({
        block: e.block,
        hash: b.hash,
        extrinsic: e.extrinsic ?? 1,
        eventIndex: e.eventIndex,
        spec: 343,
        timestamp: b.timestamp,
        kind: e.kind,
        coldkey: e.coldkey,
        counterparty: e.counterparty ?? null,
        hotkey: e.hotkey,
        netuid: e.netuid,
        tao: e.tao,
        alpha: e.alpha,
        fee: e.fee,
        feeUnit: e.feeUnit,
      });
    },
    /** A silent position change (swap, dissolution payout: shared/engine/effects.ts) as sync records it. */
    effect(e: FactRow) {
      effect.run({ ...e, hash: this.block(e.block).hash });
    },
    checkpoint(blockNumber: number, coldkey: string, hotkey: string, netuid: number, alpha: bigint) {
      this.block(blockNumber);
      checkpoint.run(blockNumber, coldkey, hotkey, netuid, alpha);
    },
    snapshot(
      blockNumber: number,
      netuid: number,
      taoIn: bigint,
      alphaIn: bigint,
      alphaOut: bigint,
      price: bigint,
      name: string | null = `Subnet ${netuid}`,
      /** The token symbol and the block the subnet was registered (NetworkRegisteredAt), where read. */
      o: { symbol?: string | null; registeredAt?: number } = {},
    ) {
      this.block(blockNumber);
      snapshot.run(
        blockNumber,
        netuid,
        taoIn,
        alphaIn,
        alphaOut,
        price,
        name,
        o.symbol === undefined ? 'α' : o.symbol,
        o.registeredAt ?? null,
      );
    },
    DAY,
  };
}
