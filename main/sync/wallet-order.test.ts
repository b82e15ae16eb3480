// Wallets added one at a time, each synced to the head before the next is added, in the scenario's
// order and in reverse, record exactly the facts of adding them all first and syncing once (every
// fact table, row for row; stake_events without its id, which follows the commit order), and give
// the same portfolio under every cost-basis method and reward treatment. Swept over basket475 1–40,
// upgrade424 1–30, tiny 1–10 and upgrade 1–10 (all equal) before it was kept on these seeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import type { PortfolioView } from '../../shared/views';
import { costBasisMethods, rewardTreatments } from '../../shared/vocab';
import { testBackend } from '../test/backend';
import { dumpFacts, ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

/** A view without what follows insertion order: wallet order and the row ids basket records cite. */
function orderFree(v: PortfolioView) {
  return {
    ...v,
    wallets: [...v.wallets].sort((a, b) => a.address.localeCompare(b.address)),
    baskets: {
      ...v.baskets,
      positions: v.baskets.positions.map((p) => ({ ...p, records: p.records.map(({ source: _id, ...r }) => r) })),
    },
  };
}

/** Syncs the devnet's wallets (by index) in `order`, once after all were added or after each one. */
async function syncIn(dn: Devnet, order: readonly number[], oneByOne: boolean) {
  const backend = testBackend(tempDir());
  await backend.dispatch('settings:update', { endpoint: dn.url });
  for (const i of order) {
    // The label names the wallet, not its place in the order, so the views can be compared.
    await backend.dispatch('wallets:add', { address: dn.coldkeys[i] as string, label: `user ${i}` });
    if (oneByOne) await backend.sync.syncOnce();
  }
  if (!oneByOne) await backend.sync.syncOnce();
  const facts = dumpFacts(backend.db, { ids: false });
  const views: ReturnType<typeof orderFree>[] = [];
  for (const rewards of rewardTreatments)
    for (const method of costBasisMethods)
      views.push(orderFree(await backend.call('portfolio:get', { method, rewards })));
  await backend.sync.close();
  backend.close();
  return { facts, views };
}

describe.each([
  ['basket475', 1],
  ['upgrade424', 3],
] as const)('wallets of devnet %s seed %i added one at a time', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('record the facts and figures of adding them all at once, in either order', async () => {
    const all = [...dn.coldkeys.keys()];
    expect(all.length).toBeGreaterThan(2);
    const once = await syncIn(dn, all, false);
    expect(once.facts.stake_events.length).toBeGreaterThan(50);
    expect(once.facts.position_checkpoints.length).toBeGreaterThan(50);
    for (const order of [all, [...all].reverse()]) {
      const each = await syncIn(dn, order, true);
      // Table by table, so a difference names its table.
      for (const table of Object.keys(once.facts) as (keyof typeof once.facts)[])
        expect(each.facts[table], `${table}, order ${order.join(',')}`).toEqual(once.facts[table]);
      expect(each.views, `views, order ${order.join(',')}`).toEqual(once.views);
    }
  }, 300_000);
});
