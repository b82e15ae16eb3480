// Read side of the head facts sync records (docs/chain/locks.md): per coldkey, its latest head
// checkpoint with the locked/available α and the exit quote of every held position and subnet.
import type { DB } from '../open';
import type { ExitQuote, PositionExitRow, SubnetStakeRow } from './chain-facts';

export interface HeadFacts {
  coldkey: string;
  block: number;
  positions: PositionExitRow[];
  subnets: SubnetStakeRow[];
}

interface QuoteColumns {
  exit_tao: bigint | null;
  exit_alpha_fee: bigint | null;
  exit_slippage: bigint | null;
}

const quote = (r: QuoteColumns): ExitQuote | null =>
  r.exit_tao === null ? null : { tao: r.exit_tao, alphaFee: r.exit_alpha_fee ?? 0n, slippage: r.exit_slippage };

export function headFactsRepo(db: DB) {
  const latest = db.prepare<[string], { b: bigint | null }>(
    'SELECT MAX(block_number) AS b FROM head_checkpoints WHERE coldkey = ?',
  );
  const positions = db.prepare<
    [string, bigint],
    QuoteColumns & { hotkey: string; netuid: bigint; alpha: bigint; locked: bigint; available: bigint }
  >(
    `SELECT hotkey, netuid, alpha, locked, available, exit_tao, exit_alpha_fee, exit_slippage
     FROM position_exits WHERE coldkey = ? AND block_number = ? ORDER BY netuid, hotkey`,
  );
  const subnets = db.prepare<
    [string, bigint],
    QuoteColumns & {
      netuid: bigint;
      total: bigint;
      locked: bigint;
      available: bigint;
      lock_hotkey: string | null;
      locks_read: bigint;
    }
  >(
    `SELECT netuid, total, locked, available, lock_hotkey, locks_read, exit_tao, exit_alpha_fee, exit_slippage
     FROM subnet_stakes WHERE coldkey = ? AND block_number = ? ORDER BY netuid`,
  );

  return {
    /** The coldkey's latest head checkpoint, or null when sync has not recorded one yet. */
    latest(coldkey: string): HeadFacts | null {
      const b = latest.get(coldkey)?.b ?? null;
      if (b === null) return null;
      return {
        coldkey,
        block: Number(b),
        positions: positions.all(coldkey, b).map((r) => ({
          hotkey: r.hotkey,
          netuid: Number(r.netuid),
          alpha: r.alpha,
          locked: r.locked,
          available: r.available,
          exit: quote(r),
        })),
        subnets: subnets.all(coldkey, b).map((r) => ({
          netuid: Number(r.netuid),
          total: r.total,
          locked: r.locked,
          available: r.available,
          lockHotkey: r.lock_hotkey,
          locksRead: r.locks_read === 1n,
          exit: quote(r),
        })),
      };
    },
  };
}
