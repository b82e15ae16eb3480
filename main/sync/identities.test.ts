import { encodeAddress } from '@polkadot/util-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ss58 } from '../../devnet/chain/accounts';
import { startDevnet, type Devnet } from '../../devnet/index';
import { ChainClient } from '../chain/client';
import { openDatabase } from '../db/open';
import { identitiesRepo } from '../db/repos/identities';
import { useTempDirs } from '../test/temp-dir';
import { cleanName, IDENTITY_EVERY, NAME_MAX, readIdentities, refreshIdentities } from './identities';
import { ChainReader } from './reader';

const tempDir = useTempDirs();

describe('cleanName', () => {
  it('drops control and text-direction characters, trims, and caps the length', () => {
    expect(cleanName('  Ember\u202E Labs\n ')).toBe('Ember Labs');
    expect(cleanName('\u200B\u2066 ')).toBeNull();
    expect(cleanName(null)).toBeNull();
    expect([...cleanName('Δ'.repeat(100))!]).toHaveLength(NAME_MAX);
  });
});

describe('validator identities from the devnet (demo: the first 4 validators have one)', () => {
  let dn: Devnet;
  let client: ChainClient;
  let reader: ChainReader;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'demo', seed: 1, port: 0 });
    client = new ChainClient({ endpoint: dn.url });
    await client.connect();
    reader = new ChainReader(client);
  }, 120_000);
  afterAll(async () => {
    await client?.close();
    await dn?.close();
  });

  it('reads each hotkey’s owner and that owner’s IdentitiesV2 name; unnamed owners and unknown hotkeys give null', async () => {
    const head = dn.finalized();
    const validators = dn.world.validators;
    const named = validators.slice(0, 4).map((v) => ss58(v.hotkey));
    const unnamed = ss58(validators[5]!.hotkey);
    const stranger = encodeAddress(new Uint8Array(32).fill(7), 42);
    const rows = await readIdentities(reader, [...named, unnamed, stranger], head);
    expect(rows.map((r) => r.name)).toEqual([
      'Aurora Stake',
      'Basalt Nodes',
      'Cobalt Relay',
      'Δelta Validators',
      null,
      null,
    ]);
    expect(rows[0]!.owner).toBe(ss58(validators[0]!.owner));
    expect(rows[4]!.owner).toBe(ss58(validators[5]!.owner));
    expect(rows[5]!.owner).toBeNull();
    expect(rows.every((r) => r.block === head)).toBe(true);
  });

  it('caches them and reads them again only once they are a day old', async () => {
    const { db } = openDatabase({ dataDir: tempDir() });
    const repo = identitiesRepo(db);
    const head = dn.finalized();
    const hot = ss58(dn.world.validators[1]!.hotkey);
    expect(await refreshIdentities(reader, repo, [hot, hot], head)).toBe(true);
    expect(repo.list()).toEqual([
      { hotkey: hot, owner: ss58(dn.world.validators[1]!.owner), name: 'Basalt Nodes', block: head },
    ]);
    expect(await refreshIdentities(reader, repo, [hot], head + IDENTITY_EVERY)).toBe(false);
    expect(repo.due([hot], head + 1)).toEqual([hot]);
    db.close();
  });
});
