// Recording a range again changes nothing, on today's chain (basket475: 393 → 424 → 455 → 475).
// Seeds 11 and 21: a coldkey holds shares of a fund only because a hotkey swap moved the fund to a
// new hotkey (no event of the coldkey names it). A rerun knew that fund from its recorded shares and
// read its BasketTwr (the default 1.0 before the swap) at every checkpoint, which the first run did not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { syncedDevnetBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata, resyncedFacts } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

describe.each([11, 21])('basket475 seed %i', (seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('records the same rows when synced again and when the second half is recorded again', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const before = dumpFacts(backend.db);
    expect(before.basket_twr.length).toBeGreaterThan(100);
    expect(await resyncedFacts(backend)).toEqual(before);
    await backend.sync.close();
    backend.close();
  });
});
