import type { Migration } from './types';

export const init: Migration = {
  version: 1,
  name: 'wallets and settings',
  up(db) {
    db.exec(`
      CREATE TABLE wallets (
        id        INTEGER PRIMARY KEY,
        address   TEXT    NOT NULL UNIQUE,
        label     TEXT    NOT NULL,
        grp       TEXT,
        added_at  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
