// The subnet labels screens show: each subnet's latest name and symbol recorded, which a later snapshot
// read without them (sync's storage reads at change blocks) does not blank.
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
      { netuid: 6, name: 'subnet-6', symbol: 'η' },
      { netuid: 7, name: null, symbol: 'ζ' },
      { netuid: 8, name: 'eight', symbol: 'θ' },
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
});
