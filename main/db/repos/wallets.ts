import type { Wallet } from '../../../shared/api';
import type { DB } from '../open';

interface WalletRow {
  id: bigint;
  address: string;
  label: string;
  grp: string | null;
  added_at: bigint;
}

function toWallet(row: WalletRow): Wallet {
  return { id: Number(row.id), address: row.address, label: row.label, group: row.grp, addedAt: Number(row.added_at) };
}

export function walletsRepo(db: DB) {
  const list = db.prepare<[], WalletRow>(
    'SELECT id, address, label, grp, added_at FROM wallets ORDER BY grp IS NULL, grp, label, id',
  );
  const byId = db.prepare<[number], WalletRow>('SELECT id, address, label, grp, added_at FROM wallets WHERE id = ?');
  const byAddress = db.prepare<[string], WalletRow>(
    'SELECT id, address, label, grp, added_at FROM wallets WHERE address = ?',
  );
  const insert = db.prepare<{ address: string; label: string; grp: string | null; added_at: number }>(
    'INSERT INTO wallets (address, label, grp, added_at) VALUES (@address, @label, @grp, @added_at)',
  );
  const update = db.prepare<{ id: number; label: string; grp: string | null }>(
    'UPDATE wallets SET label = @label, grp = @grp WHERE id = @id',
  );
  const remove = db.prepare<[number]>('DELETE FROM wallets WHERE id = ?');

  return {
    list: (): Wallet[] => list.all().map(toWallet),
    get: (id: number): Wallet | null => {
      const row = byId.get(id);
      return row ? toWallet(row) : null;
    },
    findByAddress: (address: string): Wallet | null => {
      const row = byAddress.get(address);
      return row ? toWallet(row) : null;
    },
    insert: (w: { address: string; label: string; group: string | null; addedAt: number }): Wallet => {
      const result = insert.run({ address: w.address, label: w.label, grp: w.group, added_at: w.addedAt });
      return toWallet(byId.get(Number(result.lastInsertRowid))!);
    },
    update: (id: number, label: string, group: string | null): boolean =>
      update.run({ id, label, grp: group }).changes > 0,
    remove: (id: number): boolean => remove.run(id).changes > 0,
  };
}

export type WalletsRepo = ReturnType<typeof walletsRepo>;
