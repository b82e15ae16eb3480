// Every contract channel, fed generated invalid arguments (wrong types, huge strings, negative and
// overflowing numbers, unknown fields, bidi and control characters): each answer is a clear error
// (never 'internal'), and nothing in the database changes. A second group sends arguments the
// schema accepts but that are still wrong (unknown ids, garbage addresses, CSVs and backup names).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, contract, type Channel } from '../shared/api';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from './backend';
import { DATABASE_FILE, type DB } from './db/open';
import { createSession } from './session';
import { useTempDirs } from './test/temp-dir';

const tempDir = useTempDirs();
let backend: Backend;
let dir: string;
/** Inputs tried, for the report. */
let tried = 0;

const ADDRESS = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';

/** One valid argument object per channel (undefined: the channel takes none). */
const VALID: Partial<Record<Channel, Record<string, unknown>>> = {
  'wallets:add': { address: ADDRESS, label: 'Main', group: 'G' },
  'wallets:update': { id: 1, label: 'Main', group: null },
  'wallets:remove': { id: 1 },
  'settings:update': { costBasisMethod: 'fifo' },
  'chain:probe': { endpoint: 'ws://127.0.0.1:9' },
  'sync:start': { walletId: 1 },
  'sync:cancel': { walletId: 1 },
  'events:list': { walletId: 1, limit: 10 },
  'activity:list': { offset: 0, limit: 10 },
  'activity:export': {},
  'portfolio:get': { method: 'acb' },
  'portfolio:position': { key: 'k' },
  'reports:export': { format: 'pnl-csv' },
  'fiat:import': { currency: 'USD', csv: '2026-01-01,1' },
  'backups:restore': { name: 'taofolio.sqlite.manual.2026-01-01T00-00-00-000Z.bak' },
  'security:unlock': { passphrase: 'correct horse' },
  'security:set-passphrase': { current: 'correct horse', next: 'battery staple' },
  'security:configure': { lockAfterMinutes: 15 },
};

const hostileValue = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((n) => '\u00e9\u202e'.repeat(100_000 * n)),
  fc.constantFrom(-1, -(2 ** 53), 2 ** 64, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.5, 1e308),
  fc.constantFrom('Main\u202Egnp.exe', 'a\u0000b', '\u2066x', 'line\nbreak', '\u001b[31m'),
  fc.constantFrom(null, true, [], {}, [1, 2], { $bigint: '1' }, '', ' ', '1'),
  fc.bigInt(),
);

function invalidArgs(channel: Channel): fc.Arbitrary<unknown> {
  const schema = contract[channel].args;
  const valid = VALID[channel] ?? {};
  const keys = Object.keys(valid);
  const mutated = fc
    .record({ key: keys.length ? fc.constantFrom(...keys) : fc.constant('x'), value: hostileValue })
    .map(({ key, value }) => ({ ...valid, [key]: value }));
  const extraField = fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), fc.anything())
    .filter(([k]) => !(k in valid))
    .map(([k, v]) => ({ ...valid, [k]: v }));
  return fc
    .oneof(fc.anything({ withBigInt: true, withNullPrototype: true }), mutated, extraField, hostileValue)
    .filter((args) => !schema.safeParse(args).success);
}

function snapshot(db: DB): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return JSON.stringify(
    tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]),
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );
}

beforeAll(async () => {
  dir = tempDir();
  backend = createBackend({ dataDir: dir, transport: 'web', version: 'fuzz' });
  await backend.dispatch('wallets:add', { address: ADDRESS, label: 'Main' });
});
afterAll(async () => {
  await backend.sync.close();
  backend.close();
  console.log(`api fuzz: ${tried} invalid inputs tried over ${channels.length} channels`);
});

describe('API fuzz: invalid arguments', () => {
  it.each(channels)('%s: every invalid argument is a clear error and changes nothing', async (channel) => {
    const before = snapshot(backend.db);
    await fc.assert(
      fc.asyncProperty(invalidArgs(channel), async (args) => {
        tried += 1;
        const response = await backend.dispatch(channel, args);
        expect('error' in response).toBe(true);
        if ('error' in response) {
          expect(response.error.code).toBe('invalid-args');
          expect(response.error.message.length).toBeGreaterThan(0);
          expect(response.error.message.length).toBeLessThan(400);
        }
      }),
      { numRuns: 60, seed: 9 },
    );
    expect(snapshot(backend.db)).toBe(before);
  });

  it('unknown channels, including prototype names, are refused', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'wallets:drop', '', 'x'.repeat(10_000), null, 42]) {
      tried += 1;
      expect(await backend.dispatch(name, undefined)).toMatchObject({ error: { code: 'unknown-channel' } });
    }
  });
});

describe('API fuzz: accepted by the schema, still wrong', () => {
  const cases: [string, Channel, fc.Arbitrary<unknown>][] = [
    ['garbage addresses', 'wallets:add', fc.string({ maxLength: 200 }).map((address) => ({ address, label: 'x' }))],
    ['unknown wallet ids', 'wallets:update', fc.integer({ min: 2, max: 2 ** 31 }).map((id) => ({ id, label: 'x' }))],
    ['unknown wallet ids', 'wallets:remove', fc.integer({ min: 2, max: 2 ** 31 }).map((id) => ({ id }))],
    ['garbage price CSVs', 'fiat:import', fc.string({ maxLength: 300 }).map((csv) => ({ currency: 'USD', csv }))],
    ['unknown positions', 'portfolio:position', fc.string({ minLength: 1, maxLength: 300 }).map((key) => ({ key }))],
    [
      'unknown backups',
      'backups:restore',
      fc.stringMatching(/^[\w.-]{1,40}$/).map((n) => ({ name: `taofolio.sqlite.${n}.bak` })),
    ],
  ];
  it.each(cases)('%s (%s): a clear error, nothing written', async (_what, channel, args) => {
    const before = snapshot(backend.db);
    await fc.assert(
      fc.asyncProperty(args, async (a) => {
        tried += 1;
        const response = await backend.dispatch(channel, a);
        if ('error' in response) expect(response.error.code).not.toBe('internal');
        else expect(channel).toBe('fiat:import'); // a random string can be a valid one-row price list
      }),
      { numRuns: 80, seed: 11 },
    );
    if (channel !== 'fiat:import') expect(snapshot(backend.db)).toBe(before);
  });
});

describe('API fuzz: a locked database', () => {
  it('every channel, fed invalid or valid arguments while locked, reads and writes nothing', async () => {
    const locked = tempDir();
    const setup = createSession({ dataDir: locked, transport: 'web', version: 'fuzz', notify: () => {} });
    await setup.dispatch('wallets:add', { address: ADDRESS, label: 'Main' });
    await setup.dispatch('security:set-passphrase', { next: 'correct horse' });
    setup.close();
    const files = () => readdirSync(locked).sort();
    const before = { bytes: readFileSync(join(locked, DATABASE_FILE)), files: files() };
    const session = createSession({ dataDir: locked, transport: 'web', version: 'fuzz', notify: () => {} });
    let lockedValid = 0;
    for (const channel of channels) {
      await fc.assert(
        fc.asyncProperty(invalidArgs(channel), async (args) => {
          tried += 1;
          expect(await session.dispatch(channel, args)).toMatchObject({ error: { code: 'invalid-args' } });
        }),
        { numRuns: 20, seed: 13 },
      );
      if (channel.startsWith('security:') || !contract[channel].args.safeParse(VALID[channel]).success) continue;
      tried += 1;
      lockedValid += 1;
      // Valid arguments: still nothing but `locked`.
      expect(await session.dispatch(channel, VALID[channel])).toMatchObject({ error: { code: 'locked' } });
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 64 }), async (passphrase) => {
        tried += 1;
        fc.pre(passphrase !== 'correct horse');
        expect(await session.dispatch('security:unlock', { passphrase })).toMatchObject({
          error: { code: 'wrong-passphrase' },
        });
      }),
      { numRuns: 40, seed: 17 },
    );
    expect(lockedValid).toBeGreaterThan(20);
    expect(session.current()).toBeNull();
    expect(readFileSync(join(locked, DATABASE_FILE)).equals(before.bytes)).toBe(true);
    expect(files()).toEqual(before.files);
    session.close();
  }, 120_000);
});
