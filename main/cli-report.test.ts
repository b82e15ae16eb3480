import { describe, expect, it } from 'vitest';
import { COLD, HOT, TAO, oneWallet } from './test/one-wallet';
import { useTempDirs } from './test/temp-dir';
import { runReport, unexplainedLines } from './cli-report';
import type { UnexplainedView } from '../shared/views';
import { formatTao } from '../shared/engine';
import { BENCHMARKS, benchmarkIds } from '../shared/vocab';

const tempDir = useTempDirs();

describe('cli report', () => {
  it('prints the summary, the JSON report and the CSV exports with the chosen settings', async () => {
    const { backend, facts } = await oneWallet(tempDir());
    // Two buys at different prices, then a partial sell: methods disagree on realized PnL.
    //   block 100: 1 TAO → 1 α (1 TAO/α); block 200: 3 TAO → 1 α (3 TAO/α); block 300: sell 1 α for 2 TAO.
    //   FIFO sells the 1-TAO lot: realized +1 TAO. LIFO/HIFO sell the 3-TAO lot: realized −1 TAO. ACB: cost 2 → 0.
    facts.snapshot(100, 1, 100n * TAO, 100n * TAO, 10n * TAO, TAO);
    facts.event({
      block: 100,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 1,
      tao: TAO,
      alpha: TAO,
      fee: 0n,
      feeUnit: 'tao',
    });
    facts.checkpoint(100, COLD, HOT, 1, TAO);
    facts.snapshot(200, 1, 300n * TAO, 100n * TAO, 10n * TAO, 3n * TAO);
    facts.event({
      block: 200,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 1,
      tao: 3n * TAO,
      alpha: TAO,
      fee: 0n,
      feeUnit: 'tao',
    });
    facts.checkpoint(200, COLD, HOT, 1, 2n * TAO);
    facts.snapshot(300, 1, 200n * TAO, 100n * TAO, 10n * TAO, 2n * TAO);
    facts.event({
      block: 300,
      eventIndex: 1,
      kind: 'StakeRemoved',
      coldkey: COLD,
      hotkey: HOT,
      netuid: 1,
      tao: 2n * TAO,
      alpha: TAO,
      fee: 0n,
      feeUnit: 'alpha',
    });
    facts.checkpoint(300, COLD, HOT, 1, TAO);
    backend.bus.emit('data:changed', { tables: ['stake_events'] });

    const text = await runReport(backend, { method: 'fifo' });
    expect(text).toContain('method FIFO');
    // Every benchmark of the vocabulary is listed with the view's own value and excess (or as not available).
    const view = await backend.call('portfolio:get', { method: 'fifo' });
    for (const id of benchmarkIds) {
      const b = view.total.benchmarks![id];
      const line = text.split('\n').find((l) => l.trimStart().startsWith(BENCHMARKS[id].label))!;
      expect(
        line
          .trim()
          .split(/\s{2,}/)
          .slice(1, 3),
      ).toEqual(b.available ? [formatTao(b.benchmarkValue), formatTao(b.excess)] : ['not available']);
    }
    expect(text).toMatch(/Realized PnL \(TAO\)\s+1\.000000000/);
    expect(await runReport(backend, { method: 'lifo' })).toMatch(/Realized PnL \(TAO\)\s+-1\.000000000/);
    expect(await runReport(backend, { method: 'acb' })).toMatch(/Realized PnL \(TAO\)\s+0\.000000000/);

    const json = JSON.parse(await runReport(backend, { json: true, method: 'hifo', rewards: 'zero', at: '250' })) as {
      settings: unknown;
      asOfBlock: number;
    };
    expect(json.settings).toMatchObject({ method: 'hifo', rewards: 'zero', asOfBlock: 250 });
    expect(json.asOfBlock).toBe(250);
    expect(await runReport(backend, { csv: true })).toContain('method=acb rewards=income');
    expect((await runReport(backend, { format: 'koinly-csv' })).startsWith('Date (UTC),Sent Amount')).toBe(true);
    await expect(runReport(backend, { at: 'yesterday' })).rejects.toThrow('--at takes a block number');
    // Digits past what a block number can be: the same message, not the contract's range error.
    await expect(runReport(backend, { at: '99999999999999999999' })).rejects.toThrow('--at takes a block number');
    await expect(runReport(backend, { method: 'fancy' })).rejects.toThrow();
    // A block after the last one synced (300) is refused, not headed with that block and the last figures.
    await expect(runReport(backend, { at: '301' })).rejects.toThrow(
      '--at 301 is after the last block synced (300): run `sync --once` first, or give a block up to 300.',
    );
    expect(await runReport(backend, { at: '300' })).toContain('as of block 300');
    backend.close();
  });

  it('lists the unexplained changes beyond rounding and folds the share pool’s rounding into one line', () => {
    const change = (block: number, alpha: bigint): UnexplainedView => ({
      coldkey: COLD,
      walletLabel: 'Main',
      hotkey: HOT,
      netuid: 3,
      fromBlock: block - 100,
      block,
      timestamp: 0,
      alpha,
      tao: alpha,
    });
    const lines = unexplainedLines([change(100, -1n), change(200, 5n * TAO), change(300, 2n), change(400, -1n)]);
    expect(lines).toEqual([
      '',
      '  Unexplained alpha changes: 4, net 5.000000000 alpha (not income)',
      `  block 200 (after 100)  SN3  ${HOT}  5.000000000 alpha  ${COLD}`,
      "  and 3 changes each of at most 2 alpha-rao (the share pool's rounding), net 0.000000000 alpha",
    ]);
    // Only rounding: the count and net, then what they are; one just past rounding is listed; none prints nothing.
    expect(unexplainedLines([change(100, -1n), change(300, 2n)])).toEqual([
      '',
      '  Unexplained alpha changes: 2, net 0.000000001 alpha (not income)',
      "  each of at most 2 alpha-rao (the share pool's rounding)",
    ]);
    expect(unexplainedLines([change(100, -3n)])[2]).toContain('block 100 (after 0)');
    expect(unexplainedLines([])).toEqual([]);
  });
});
