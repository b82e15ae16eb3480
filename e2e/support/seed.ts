import { encodeAddress } from '@polkadot/util-crypto';
import { openDatabase } from '../../main/db/open';
import { factsWriter } from '../../main/test/facts';
import { seedFromDevnet } from './devnet-seed';

export const SEED_COLD = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
export const SEED_HOT = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';
const TAO = 1_000_000_000n;

/**
 * The hand-worked position of main/services/portfolio.test.ts, stored as sync would store it:
 * buy 0.5 α for 1 TAO, sell 0.2 α for 0.39 TAO, 0.01 α emitted, price 2 TAO/α throughout.
 */
export function seedOnePosition(dataDir: string): void {
  const { db } = openDatabase({ dataDir });
  db.prepare("INSERT INTO wallets (address, label, grp, added_at) VALUES (?, 'Main', NULL, 0)").run(SEED_COLD);
  const facts = factsWriter(db);
  facts.snapshot(100, 1, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO, 'Apex');
  facts.event({
    block: 100,
    eventIndex: 3,
    kind: 'StakeAdded',
    coldkey: SEED_COLD,
    hotkey: SEED_HOT,
    netuid: 1,
    tao: TAO,
    alpha: TAO / 2n,
    fee: 330_000n,
    feeUnit: 'tao',
  });
  facts.checkpoint(100, SEED_COLD, SEED_HOT, 1, TAO / 2n);
  facts.snapshot(200, 1, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO, 'Apex');
  facts.event({
    block: 200,
    eventIndex: 2,
    kind: 'StakeRemoved',
    coldkey: SEED_COLD,
    hotkey: SEED_HOT,
    netuid: 1,
    tao: 390_000_000n,
    alpha: 200_000_000n,
    fee: 100_000n,
    feeUnit: 'alpha',
  });
  facts.checkpoint(200, SEED_COLD, SEED_HOT, 1, 310_000_000n);
  db.close();
}

/** Ledger entries in the large data set of `seedManyEvents`. */
export const MANY_EVENTS = 100_000;

/**
 * One wallet with MANY_EVENTS stake events (a buy and a sale in turn, over 32 subnets and 4
 * hotkeys, one per block): the Activity list at the scale it must stay smooth at.
 */
export function seedManyEvents(dataDir: string): void {
  const { db } = openDatabase({ dataDir });
  db.prepare("INSERT INTO wallets (address, label, grp, added_at) VALUES (?, 'Whale', NULL, 0)").run(SEED_COLD);
  const facts = factsWriter(db);
  const hotkeys = [
    SEED_HOT,
    SEED_COLD,
    '5GvnwG2PBVrqL3HzVSgaEEhekeUP2aedaJRqWtyo1SBdg7xt',
    '5CK9VJKiNF2Nv7JbZmoETJgiLAQLNjA3oXzS3ofw6orvFmEk',
  ];
  db.transaction(() => {
    for (let netuid = 1; netuid <= 32; netuid++) facts.snapshot(1, netuid, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO);
    for (let i = 0; i < MANY_EVENTS; i++) {
      const buy = i % 2 === 0;
      facts.event({
        block: 10 + i,
        eventIndex: 1,
        kind: buy ? 'StakeAdded' : 'StakeRemoved',
        coldkey: SEED_COLD,
        hotkey: hotkeys[i % hotkeys.length]!,
        netuid: 1 + (Math.floor(i / 2) % 32),
        tao: TAO + BigInt(i),
        alpha: TAO / 2n + BigInt(i),
        fee: 330_000n,
        feeUnit: buy ? 'tao' : 'alpha',
      });
    }
  })();
  db.close();
}

/** The UTC days of `seedWeekOfBuys` (factsWriter's chain starts 2025-11-10 00:00 UTC, 12 s blocks). */
export const WEEK_DAYS = Array.from({ length: 7 }, (_, d) => `2025-11-${String(10 + d).padStart(2, '0')}`);

/** One wallet buying once a day for a week (block 100 of each day, 7,200 blocks a day). */
export function seedWeekOfBuys(dataDir: string): void {
  const { db } = openDatabase({ dataDir });
  db.prepare("INSERT INTO wallets (address, label, grp, added_at) VALUES (?, 'Main', NULL, 0)").run(SEED_COLD);
  const facts = factsWriter(db);
  WEEK_DAYS.forEach((_, d) => {
    const block = d * 7200 + 100;
    facts.snapshot(block - 1, 1, 200n * TAO, 100n * TAO, 50n * TAO, 2n * TAO, 'Apex');
    facts.event({
      block,
      eventIndex: 1,
      kind: 'StakeAdded',
      coldkey: SEED_COLD,
      hotkey: SEED_HOT,
      netuid: 1,
      tao: TAO,
      alpha: TAO / 2n,
      fee: 0n,
      feeUnit: 'tao',
    });
  });
  db.close();
}

/** The coldkey the one-position wallet's stake moved to in `seedColdkeySwapped`. */
export const SWAPPED_TO = encodeAddress(new Uint8Array(32).fill(7), 42);

/** The one-position wallet, whose stake a coldkey swap then moved to SWAPPED_TO at block 300. */
export function seedColdkeySwapped(dataDir: string): void {
  seedOnePosition(dataDir);
  const { db } = openDatabase({ dataDir });
  factsWriter(db).event({
    block: 300,
    eventIndex: 4,
    kind: 'ColdkeySwapped',
    coldkey: SEED_COLD,
    counterparty: SWAPPED_TO,
    hotkey: SEED_HOT,
    netuid: 0,
    tao: 0n,
    alpha: 0n,
    fee: 0n,
    feeUnit: 'tao',
  });
  db.close();
}

/**
 * Named data sets for the web suite. Devnet seeds are synced from the devnet's scenario through the
 * real sync; their hosts run with background sync off, so the data stays exactly as synced.
 */
export const SEEDS = {
  'devnet-demo': (dir: string) => seedFromDevnet(dir, 'demo', 1),
  'devnet-valuation424': (dir: string) => seedFromDevnet(dir, 'valuation424', 1),
  /** 393 → 424 → 455 → 475: root stakers whose validators' funds earn dividends (BasketTwr moves). */
  'devnet-basket475': (dir: string) => seedFromDevnet(dir, 'basket475', 1),
  'coldkey-swapped': seedColdkeySwapped,
  'one-position': seedOnePosition,
  'activity-100k': seedManyEvents,
  'week-of-buys': seedWeekOfBuys,
} as const satisfies Record<string, (dataDir: string) => void | Promise<void>>;
export type SeedName = keyof typeof SEEDS;
