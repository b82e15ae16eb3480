// Cached validator identities (migration 6): the owner coldkey of each hotkey a watched wallet has
// staked with and that coldkey's on-chain name, as read at `block` (docs/chain/identities.md).
import type { DB } from '../open';

export interface ValidatorIdentityRow {
  hotkey: string;
  /** SubtensorModule.Owner(hotkey); null when the chain has no owner for it. */
  owner: string | null;
  /** The owner's identity name; null when it has none. */
  name: string | null;
  block: number;
}

export function identitiesRepo(db: DB) {
  const readAt = db.prepare<[string], { block_number: bigint }>(
    'SELECT block_number FROM validator_identities WHERE hotkey = ?',
  );
  const upsert = db.prepare<{ hotkey: string; owner: string | null; name: string | null; block: number }>(
    `INSERT INTO validator_identities (hotkey, owner, name, block_number) VALUES (@hotkey, @owner, @name, @block)
     ON CONFLICT(hotkey) DO UPDATE SET owner = excluded.owner, name = excluded.name, block_number = excluded.block_number`,
  );
  const all = db.prepare<[], { hotkey: string; owner: string | null; name: string | null; block_number: bigint }>(
    'SELECT hotkey, owner, name, block_number FROM validator_identities ORDER BY hotkey',
  );
  return {
    /** The hotkeys among `hotkeys` never read, or last read before block `before`. */
    due(hotkeys: readonly string[], before: number): string[] {
      return hotkeys.filter((h) => {
        const r = readAt.get(h);
        return r === undefined || Number(r.block_number) < before;
      });
    },
    save(rows: readonly ValidatorIdentityRow[]): void {
      db.transaction(() => {
        for (const r of rows) upsert.run(r);
      })();
    },
    list(): ValidatorIdentityRow[] {
      return all.all().map((r) => ({ hotkey: r.hotkey, owner: r.owner, name: r.name, block: Number(r.block_number) }));
    },
  };
}

export type IdentitiesRepo = ReturnType<typeof identitiesRepo>;
