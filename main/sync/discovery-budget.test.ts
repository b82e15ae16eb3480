// Change discovery on a 475-era history (devnet basket475: 393 → 424 → 455 → 475; from 441
// LastColdkeyHotkeyStakeBlock records root stake only, docs/chain/change-discovery.md#root-only-from-441):
// every block where the truth has a subnet change of a watched coldkey is found, and the whole
// backfill stays within a request budget per (event + checkpoint). Counts, not timings: the devnet
// answers deterministically, so the figure only moves when sync asks differently.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { testBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { recordedCost } from '../test/sync-cost';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

/**
 * Truth entries sync does not derive yet (as in basket-sync.test.ts): fund dividends, the 441
 * migration's grants, the 464 share reconcile, the 473 dust sweep and the payouts of a phased
 * dissolution (paid in blocks after NetworkRemoved).
 */
const NOT_DERIVED = new Set(['BasketDividend', 'BasketMigration', 'ShareReconcile', 'DustSwept', 'DissolutionPayout']);

/**
 * Requests per (ledger event + position-checkpoint block) for the four wallets' backfill from a public
 * node: 2.50 measured (2,019 for 806, of them one `state_queryStorage` refused, remembered for the
 * connection: bisection as before); 2,018 since the dissolution search also reads the range's upper end (+5); 2,013 since
 * discovery also lists the subnets at the range's lower end (the subnet dissolved at
 * 15,000 is the highest, so its pools and pairs were read only once a position on it was learned); 2.58
 * (2,080 for 806) before; 2.59
 * (2,085 for 804, since each round reads its change blocks again with the pairs known then:
 * checkpoint-pairs heldLate); 2.64 (2,122, since StakeInfo before each 441+ upgrade: upgrade-blocks heldBefore); 2.63 (2,117;
 * verification re-reads 200 → 210 since a2680fd's walk pipelining); 2.62 (2,107) since discovery lists positions only in the share maps the head's runtime has (none
 * in the V1 map from 473: position listings 60 → 30); 2.66 (2,137 for 804) since the basket escrow's holdings are one call per block for all wallets (StakeInfo
 * calls 139 → 126); 2.67 (2,150 for 804) since a change block's limit orders and stake swaps no longer count as a possible
 * change of the fund list (baskets.ts fundsUnchangedBy; fund lists 85 → 76); 2.69 (2,159 for 804) since 441+ reads carry every key of a cross pair a position needs (fingerprint and
 * pool values, checkpoint-pairs crossKeys): a position learned from a later block's events is then
 * no re-read of the blocks below (verification 302 → 200, StakeInfo calls 151 → 139, checkpoint pool
 * values 14 → 0; storage keys 117.9 k → 163.4 k); 2.84 (2,287 for 804) since basket reads at 475 checkpoints take the watermarks and pools from the block's
 * read (checkpoint-pairs crossKeys carry the watermark keys of the known hotkeys and of the funds at the
 * head) and list the funds once per block for all wallets, at b − 1 not again where nothing in change
 * block b could change them (basket watermarks 144 → 21, basket holdings 121 → 4, fund lists 144 → 85);
 * 3.22 (2,586 for 804) since 441+ change-block reads carry the BasketTwr of every known hotkey (fund index
 * reads 80 → 0); 3.32 (2,666 for 804) since bisection prefetches the hashes of up to 10 levels in one request (block-hash
 * requests 108 → 79); 3.35 (2,695 for 804) since 441+ checkpoints read the share keys of every known hotkey on every known subnet
 * and take α from storage instead of a StakeInfo call (docs/chain/change-discovery.md#stakeinfo-at-basket-era-checkpoints:
 * StakeInfo calls 354 → 151); 3.60 (2,898 for 804) after bisection read only a gap's differing keys (699e651, d59fe21); 3.67 before
 * (2,948 for 804, with checkpoints at the three runtime-upgrade blocks, the zero rows of emptied
 * positions and the 475 dissolution payouts; 3.87, 3,114, before checkpoints on runtimes 441–475 also
 * took α from share storage instead of a StakeInfo call; without the upgrade-block checkpoints 3.84
 * → 3.63, and 3.92 before those on 320–424 did), basket reads at checkpoints included. Most of it is
 * bisection: from 441 the stake-block walk sees root stake only, so every subnet change costs about
 * log2 of its gap in reads. StakeInfo is still called at set_code blocks, for the basket escrow, and
 * from 441 where a known hotkey has a share row on a known subnet that no event named. Of the 2,948 (measured
 * again after 975cf44, same count): bisection 1,119, StakeInfo calls 354, basket reads 572 (funds 144,
 * watermarks 144, holdings 121, positions 83, fund index 80), verification 296, events 183, block-hash
 * lists 108, walk 99. A little headroom (13 requests) for the order in which concurrent wallets share
 * block-hash requests. DISCOVERY_DIAG=1 prints the requests and storage keys by purpose.
 */
const BUDGET = 2.7;

/**
 * The same backfill from a node that serves `state_queryStorage` (the user's own node, on localhost):
 * a gap narrow enough (main/sync/range-changes.ts RANGE_KEY_BLOCKS) is located by one range request
 * instead of bisection. 1.48 measured (1,189 for 806): ranges 54, bisection of wider gaps 15; the blocks
 * found, read at once with their events and the blocks before them with the pools, 268; events 109,
 * verification 31 (bisection's last levels had read most of these); block-hash lists 63; the rest as
 * on a public node (1.47, 1,182, before the found blocks were read at once: slower, not fewer). Same change
 * blocks, events and checkpoints as the public node's run (asserted below).
 */
const RANGE_BUDGET = 1.5;
/** What the public node's run recorded per wallet, for the serving node's run to match. */
let publicRun: unknown[] | null = null;

describe.each([
  { node: 'a public node (unsafe RPC refused)', rpcMethods: 'safe' as const, budget: BUDGET },
  { node: 'a node serving state_queryStorage', rpcMethods: 'unsafe' as const, budget: RANGE_BUDGET },
])('basket475 change discovery from $node', ({ rpcMethods, budget }) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario: 'basket475', seed: 1, port: 0, rpcMethods });
  });
  afterAll(async () => {
    await dn.close();
  });

  it(`finds every subnet change of the truth within ${budget} requests per event + checkpoint`, async () => {
    const backend = testBackend(tempDir());
    for (const [i, address] of dn.coldkeys.entries())
      await backend.dispatch('wallets:add', { address, label: `user ${i}` });
    await backend.dispatch('settings:update', { endpoint: dn.url });
    await backend.sync.syncOnce();
    const truth = dn.truth();
    let units = 0;
    let events = 0;
    let subnetChanges = 0;
    const recorded: unknown[] = [];
    for (const coldkey of dn.coldkeys) {
      const cost = recordedCost(backend.db, coldkey);
      units += cost.events + cost.checkpointBlocks;
      events += cost.events;
      const expected = [
        ...new Set(
          truth.events
            .filter((e) => e.coldkey === coldkey || e.destColdkey === coldkey)
            .filter((e) => e.netuid !== 0 || (e.destNetuid ?? 0) !== 0)
            .filter((e) => !NOT_DERIVED.has(e.kind))
            .map((e) => e.block),
        ),
      ];
      subnetChanges += expected.length;
      recorded.push({ coldkey, ...cost, changeBlocks: [...cost.changeBlocks].sort((a, b) => a - b) });
      expect({ coldkey, missing: expected.filter((b) => !cost.changeBlocks.has(b)) }).toEqual({ coldkey, missing: [] });
    }
    expect(subnetChanges).toBeGreaterThan(100);
    // The keep-alive (system_health every 10 s) depends on wall time, not on what sync asks.
    const counts = backend.sync.client!.requestCounts;
    const requests = [...counts.entries()].filter(([m]) => m !== 'system_health').reduce((a, [, n]) => a + n, 0);
    if (process.env.DISCOVERY_DIAG) {
      console.log(`${requests} requests for ${units} units (${events} events); subnet change blocks ${subnetChanges}`);
      console.log([...backend.sync.reader!.purposes.entries()].sort((a, b) => b[1] - a[1]));
      console.log([...counts.entries()]);
      console.log([...backend.sync.reader!.keysByPurpose.entries()].sort((a, b) => b[1] - a[1]));
    }
    // Both node kinds record the same change blocks, events and checkpoints (the public node's run goes first).
    if (rpcMethods === 'safe') publicRun = recorded;
    else if (publicRun) expect(recorded).toEqual(publicRun);
    const ranges = backend.sync.reader!.purposes.get('fingerprint: range') ?? 0;
    // A refusal is remembered for the connection: one request for all wallets.
    if (rpcMethods === 'safe') expect(ranges).toBe(1);
    else expect(ranges).toBeGreaterThan(0);
    expect(requests / units, `${requests} requests for ${units} events + checkpoints`).toBeLessThanOrEqual(budget);
    await backend.sync.close();
    backend.close();
  });
});
