// Reports of a database with nothing recorded yet say there is no block, rather than the engine's −1.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../test/backend';
import { useTempDirs } from '../test/temp-dir';

const tempDir = useTempDirs();

describe('a report before anything is recorded', () => {
  it('has no as-of block in the PnL JSON and CSV', async () => {
    const backend = testBackend(tempDir());
    const json = JSON.parse((await backend.call('reports:export', { format: 'pnl-json' })).content) as {
      asOfBlock: unknown;
      settings: Record<string, unknown>;
      pnl: { asOfBlock: unknown; asOfTimestamp: unknown; positions: unknown[] };
    };
    expect(json.asOfBlock).toBeNull();
    expect(json.pnl).toMatchObject({ asOfBlock: null, asOfTimestamp: null, positions: [] });
    expect(json.settings).not.toHaveProperty('asOfBlock');
    const csv = (await backend.call('reports:export', { format: 'pnl-csv' })).content;
    expect(csv.split('\r\n')[1]).toMatch(/ as_of_block=none /);
    backend.close();
  });
});
