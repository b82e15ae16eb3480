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

/**
 * Named data sets for the web suite. Devnet seeds are synced from the devnet's scenario through the
 * real sync; their hosts run with background sync off, so the data stays exactly as synced.
 */
export const SEEDS = {
  'one-position': seedOnePosition,
  'devnet-demo': (dir: string) => seedFromDevnet(dir, 'demo', 1),
} as const satisfies Record<string, (dataDir: string) => void | Promise<void>>;
export type SeedName = keyof typeof SEEDS;
