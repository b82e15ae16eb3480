import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing; the database's PRAGMA user_version after this step. */
  version: number;
  name: string;
  up(db: Database): void;
}
