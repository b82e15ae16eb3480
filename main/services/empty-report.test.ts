// Reports of a database with nothing recorded yet say there is no block, rather than the engine's −1.
import { describe, expect, it } from 'vitest';
import { POSITION_NOTE } from '../../shared/pnl-csv';
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

  it('the PnL CSV says position rows share their wallet’s cost-basis book (shared/engine/hotkey-attribution.test.ts)', async () => {
    const backend = testBackend(tempDir());
    const csv = (await backend.call('reports:export', { format: 'pnl-csv' })).content;
    expect(csv.split('\r\n').slice(0, 4)).toContain(POSITION_NOTE);
    expect(POSITION_NOTE).toMatch(
      /^# position rows: cost basis is one book per wallet and subnet \(not per validator\)/,
    );
    expect(POSITION_NOTE).not.toContain(','); // one cell for a reader that does not skip comment lines
    backend.close();
  });
});
