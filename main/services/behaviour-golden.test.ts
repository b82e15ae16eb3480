// Behaviour lock for refactors: the devnet scenarios below, synced end to end and computed under every
// cost-basis method and reward treatment, must give exactly the figures, events and exports recorded
// in __golden__/. A refactor must leave them unchanged. A deliberate change of behaviour regenerates
// them (`UPDATE_GOLDEN=1 npx vitest run main/services/behaviour-golden.test.ts`) and says why in its
// commit message.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { toWire } from '../../shared/wire';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();
const GOLDEN_DIR = join(import.meta.dirname, '__golden__');
const METHODS = ['acb', 'fifo', 'lifo', 'hifo'] as const;
const REWARDS = ['income', 'zero'] as const;
const FORMATS = ['pnl-json', 'pnl-csv', 'events-csv', 'koinly-csv', 'cointracker-csv'] as const;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** Exports stamp the time they were made; everything else in them is a function of the facts. */
const withoutStamp = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/g, '<time>');

describe.each([
  ['tiny', 1],
  ['upgrade', 2],
] as const)('behaviour on devnet scenario %s seed %i is unchanged', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('gives the recorded events, figures and exports', async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();

    const actual: Record<string, unknown> = {};
    const events = await backend.dispatch('events:list', { limit: 100_000 });
    actual.events = sha(toWire(events));
    for (const method of METHODS) {
      for (const rewards of REWARDS) {
        const view = await backend.call('portfolio:get', { method, rewards });
        const { total, positions, subnets } = view;
        actual[`${method}/${rewards}/total`] = JSON.parse(toWire(total));
        actual[`${method}/${rewards}/positions`] = sha(toWire(positions));
        actual[`${method}/${rewards}/subnets`] = sha(toWire(subnets));
        actual[`${method}/${rewards}/daily`] = sha(toWire(view.daily));
        for (const format of FORMATS) {
          const file = await backend.call('reports:export', { method, rewards, format });
          actual[`${method}/${rewards}/${format}`] = sha(withoutStamp(file.content));
        }
      }
    }
    backend.close();

    const path = join(GOLDEN_DIR, `${scenario}-${seed}.json`);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
    }
    if (!existsSync(path)) throw new Error(`No golden file ${path}: run with UPDATE_GOLDEN=1 once.`);
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  });
});
