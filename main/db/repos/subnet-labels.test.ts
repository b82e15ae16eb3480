// The subnet labels screens show: each subnet's latest name and symbol recorded, which a later snapshot
// read without them (sync's storage reads at change blocks) does not blank; one per lifetime of a netuid
// registered again (shared/subnet-labels.ts).
import { describe, expect, it } from 'vitest';
import { testBackend } from '../../test/backend';
import { factsWriter } from '../../test/facts';
import { useTempDirs } from '../../test/temp-dir';
import { ledgerFactsRepo } from './ledger-facts';

const tempDir = useTempDirs();

describe('subnet labels', () => {
  it('keep the latest name and symbol recorded when later snapshots have none', () => {
    const backend = testBackend(tempDir());
    const { db } = backend;
    const facts = factsWriter(db);
    const snapshot = db.prepare(
      'INSERT INTO subnet_snapshots (block_number, netuid, tao_in, alpha_in, alpha_out, price, name, symbol) VALUES (?, ?, 1, 1, 1, 1, ?, ?)',
    );
    const at = (block: number, netuid: number, name: string | null, symbol: string | null) => {
      facts.block(block);
      snapshot.run(block, netuid, name, symbol);
    };
    at(100, 6, 'old name', 'η');
    at(200, 6, 'subnet-6', null); // the head's DynamicInfo, say
    at(300, 6, null, null); // a change block read from storage
    at(100, 7, null, 'ζ');
    at(300, 7, null, null);
    at(300, 8, 'eight', 'θ');
    expect(ledgerFactsRepo(db).subnetLabels()).toEqual([
      { netuid: 6, name: 'subnet-6', symbol: 'η', from: null },
      { netuid: 7, name: null, symbol: 'ζ', from: null },
      { netuid: 8, name: 'eight', symbol: 'θ', from: null },
    ]);
    // The name is found through the index of named snapshots, not by walking the unnamed ones back.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT name FROM subnet_snapshots WHERE netuid = 6 AND name IS NOT NULL ORDER BY block_number DESC LIMIT 1',
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('subnet_snapshots_named');
    backend.close();
  });

  it('are kept per lifetime of a netuid registered again, each from its registration block', () => {
    const backend = testBackend(tempDir());
    const facts = factsWriter(backend.db);
    const at = (block: number, netuid: number, name: string | null, symbol: string | null, registeredAt?: number) =>
      facts.snapshot(block, netuid, 1n, 1n, 1n, 1n, name, { symbol, registeredAt });
    // Netuid 5: rows from before registration blocks were kept, then (from 393) registered at 0: one lifetime.
    at(50, 5, 'five', 'ε');
    at(150, 5, null, null, 0);
    // Netuid 9: rows without a registration block, a subnet registered at 400 (named at the head, 600),
    // dissolved, and one registered at 1,000 whose rows carry no name yet (an identity not set).
    at(100, 9, 'first', 'α');
    at(400, 9, null, null, 400);
    at(600, 9, 'second', 'β', 400);
    at(700, 9, null, null, 400);
    at(1_000, 9, null, 'γ', 1_000);
    at(1_200, 9, null, null, 1_000);
    expect(ledgerFactsRepo(backend.db).subnetLabels()).toEqual([
      { netuid: 5, name: 'five', symbol: 'ε', from: 0 },
      { netuid: 9, name: null, symbol: 'γ', from: 1_000 },
      { netuid: 9, name: 'second', symbol: 'β', from: 400 },
      { netuid: 9, name: 'first', symbol: 'α', from: null },
    ]);
    backend.close();
  });
});
