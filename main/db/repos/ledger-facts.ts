// Read side of the stored chain facts, shaped as the accounting engine's inputs.
import type { PositionCheckpoint, PositionEffect, RootClaimPayout, SubnetSnapshot } from '../../../shared/engine';
import { SILENT_EFFECT_KINDS, isIdOf } from '../../../shared/vocab';
import type { DB } from '../open';
import { STAKE_EVENT_COLUMNS, stakeEventFromRow, type StakeEventDbRow } from './stake-events';
import type { StoredStakeEvent } from '../../../shared/facts';

export interface SubnetLabel {
  netuid: number;
  name: string | null;
  symbol: string | null;
}

export function ledgerFactsRepo(db: DB) {
  // Events of the given coldkeys in either role (a transfer between two of them is one row).
  const events = db.prepare<{ keys: string }, StakeEventDbRow>(`
    SELECT ${STAKE_EVENT_COLUMNS}
    FROM stake_events
    WHERE coldkey IN (SELECT value FROM json_each(@keys)) OR counterparty_coldkey IN (SELECT value FROM json_each(@keys))
    ORDER BY block_number, event_index`);
  const checkpoints = db.prepare<
    [string],
    { block_number: bigint; timestamp: bigint | null; coldkey: string; hotkey: string; netuid: bigint; alpha: bigint }
  >(`
    SELECT c.block_number, b.timestamp, c.coldkey, c.hotkey, c.netuid, c.alpha
    FROM position_checkpoints c LEFT JOIN blocks b ON b.number = c.block_number
    WHERE c.coldkey IN (SELECT value FROM json_each(?))
    ORDER BY c.block_number`);
  const snapshots = db.prepare<
    [],
    {
      block_number: bigint;
      timestamp: bigint | null;
      spec_version: bigint | null;
      netuid: bigint;
      tao_in: bigint;
      alpha_in: bigint;
      alpha_out: bigint;
      price: bigint;
      tao_in_emission: bigint | null;
    }
  >(`
    SELECT s.block_number, b.timestamp, b.spec_version, s.netuid, s.tao_in, s.alpha_in, s.alpha_out, s.price,
      s.tao_in_emission
    FROM subnet_snapshots s LEFT JOIN blocks b ON b.number = s.block_number
    ORDER BY s.block_number, s.netuid`);
  const payouts = db.prepare<
    [string],
    {
      block_number: bigint;
      timestamp: bigint | null;
      coldkey: string;
      hotkey: string;
      netuid: bigint;
      mode: 'keep' | 'swap';
      alpha: bigint;
      tao: bigint;
    }
  >(`
    SELECT p.block_number, b.timestamp, p.coldkey, p.hotkey, p.netuid, p.mode, p.alpha, p.tao
    FROM root_claim_payouts p LEFT JOIN blocks b ON b.number = p.block_number
    WHERE p.coldkey IN (SELECT value FROM json_each(?))
    ORDER BY p.block_number`);
  const effects = db.prepare<
    [string],
    {
      block_number: bigint;
      timestamp: bigint | null;
      event_index: bigint;
      coldkey: string;
      hotkey: string;
      netuid: bigint;
      kind: string;
      alpha: bigint;
      tao: bigint;
    }
  >(`
    SELECT e.block_number, b.timestamp, e.event_index, e.coldkey, e.hotkey, e.netuid, e.kind, e.alpha, e.tao
    FROM silent_effects e LEFT JOIN blocks b ON b.number = e.block_number
    WHERE e.coldkey IN (SELECT value FROM json_each(?))
    ORDER BY e.block_number, e.event_index`);
  // Latest known name/symbol per subnet.
  const labels = db.prepare<[], { netuid: bigint; name: string | null; symbol: string | null }>(`
    SELECT s.netuid, s.name, s.symbol FROM subnet_snapshots s
    JOIN (SELECT netuid, MAX(block_number) AS b FROM subnet_snapshots GROUP BY netuid) last
      ON last.netuid = s.netuid AND last.b = s.block_number`);
  const head = db.prepare<[], { number: bigint | null; spec: bigint | null }>(
    'SELECT number, spec_version AS spec FROM blocks ORDER BY number DESC LIMIT 1',
  );

  return {
    events(coldkeys: readonly string[]): StoredStakeEvent[] {
      return events.all({ keys: JSON.stringify(coldkeys) }).map(stakeEventFromRow);
    },
    checkpoints(coldkeys: readonly string[]): PositionCheckpoint[] {
      return checkpoints.all(JSON.stringify(coldkeys)).map((r) => ({
        blockNumber: Number(r.block_number),
        timestamp: Number(r.timestamp ?? 0n),
        coldkey: r.coldkey,
        hotkey: r.hotkey,
        netuid: Number(r.netuid),
        alpha: r.alpha,
      }));
    },
    snapshots(): SubnetSnapshot[] {
      return snapshots.all().map((r) => ({
        blockNumber: Number(r.block_number),
        timestamp: Number(r.timestamp ?? 0n),
        netuid: Number(r.netuid),
        taoIn: r.tao_in,
        alphaIn: r.alpha_in,
        alphaOut: r.alpha_out,
        price: r.price,
        ...(r.spec_version === null ? {} : { specVersion: Number(r.spec_version) }),
        ...(r.tao_in_emission === null ? {} : { taoInEmission: r.tao_in_emission }),
      }));
    },
    rootClaims(coldkeys: readonly string[]): RootClaimPayout[] {
      return payouts.all(JSON.stringify(coldkeys)).map((r) => ({
        blockNumber: Number(r.block_number),
        timestamp: Number(r.timestamp ?? 0n),
        coldkey: r.coldkey,
        hotkey: r.hotkey,
        netuid: Number(r.netuid),
        mode: r.mode,
        alpha: r.alpha,
        tao: r.tao,
      }));
    },
    /** Silent position changes; a kind this version does not know is refused, never dropped. */
    effects(coldkeys: readonly string[]): PositionEffect[] {
      return effects.all(JSON.stringify(coldkeys)).map((r) => {
        if (!isIdOf(SILENT_EFFECT_KINDS, r.kind))
          throw new Error(
            `A recorded position change at block ${r.block_number} has kind "${r.kind}", which this version of Taofolio does not know.`,
          );
        return {
          blockNumber: Number(r.block_number),
          timestamp: Number(r.timestamp ?? 0n),
          eventIndex: Number(r.event_index),
          kind: r.kind,
          coldkey: r.coldkey,
          hotkey: r.hotkey,
          netuid: Number(r.netuid),
          alpha: r.alpha,
          tao: r.tao,
        };
      });
    },
    subnetLabels(): SubnetLabel[] {
      return labels.all().map((r) => ({ netuid: Number(r.netuid), name: r.name, symbol: r.symbol }));
    },
    head(): { block: number; specVersion: number } | null {
      const row = head.get();
      return row === undefined || row.number === null
        ? null
        : { block: Number(row.number), specVersion: Number(row.spec) };
    },
  };
}

export type LedgerFactsRepo = ReturnType<typeof ledgerFactsRepo>;
