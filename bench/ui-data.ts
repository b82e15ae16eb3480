// Synthetic data for `npm run bench:ui`: N wallets and M stake events over a year, stored as sync
// would store them (events, position checkpoints with emissions, daily pool snapshots of every subnet).
import { encodeAddress } from '@polkadot/util-crypto';
import { openDatabase } from '../main/db/open';
import { factsWriter } from '../main/test/facts';

const A = 1_000_000_000n;
const BLOCKS_PER_DAY = 7_200;

// Deterministic PRNG (mulberry32) so runs are comparable.
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function address(rnd: () => number): string {
  return encodeAddress(
    Uint8Array.from({ length: 32 }, () => Math.floor(rnd() * 256)),
    42,
  );
}

export interface UiBenchData {
  wallets: number;
  events: number;
  subnets: number;
  positions: number;
  days: number;
}

export function writeUiBenchData(
  dataDir: string,
  wallets = 20,
  events = 100_000,
  subnets = 64,
  days = 365,
): UiBenchData {
  const rnd = prng(7);
  const { db } = openDatabase({ dataDir });
  const facts = factsWriter(db);
  const coldkeys = Array.from({ length: wallets }, () => address(rnd));
  const hotkeys = Array.from({ length: 8 }, () => address(rnd));
  // Each wallet holds 16 positions: (hotkey, subnet) pairs drawn once.
  const byKey = new Map<string, { coldkey: string; hotkey: string; netuid: number; alpha: bigint }>();
  for (const coldkey of coldkeys)
    while ([...byKey.values()].filter((p) => p.coldkey === coldkey).length < 16) {
      const hotkey = hotkeys[Math.floor(rnd() * hotkeys.length)]!;
      const netuid = 1 + Math.floor(rnd() * (subnets - 1));
      byKey.set(`${coldkey}|${hotkey}|${netuid}`, { coldkey, hotkey, netuid, alpha: 0n });
    }
  const positions = [...byKey.values()];
  const price = Array.from({ length: subnets }, (_, n) =>
    n === 0 ? A : BigInt(Math.floor((0.005 + rnd() * 0.2) * 1e9)),
  );
  const eventsPerDay = Math.ceil(events / days);
  let written = 0;

  db.transaction(() => {
    coldkeys.forEach((c, i) =>
      db
        .prepare('INSERT INTO wallets (address, label, grp, added_at) VALUES (?, ?, ?, 0)')
        .run(c, `Wallet ${i + 1}`, i < 10 ? 'Personal' : 'Fund'),
    );
    for (let day = 0; day < days; day++) {
      const dayStart = 1 + day * BLOCKS_PER_DAY;
      // Daily pool snapshot of every subnet (prices drift ±4 %).
      for (let n = 0; n < subnets; n++) {
        if (n > 0) price[n] = (price[n]! * BigInt(Math.round((0.96 + rnd() * 0.08) * 1e6))) / 1_000_000n;
        const alphaIn = 1_000_000n * A;
        facts.snapshot(dayStart, n, (alphaIn * price[n]!) / A, alphaIn, 3n * alphaIn, price[n]!);
      }
      for (let k = 0; k < eventsPerDay && written < events; k++, written++) {
        const p = positions[Math.floor(rnd() * positions.length)]!;
        const block = dayStart + 1 + k * 20;
        const sell = p.alpha > 0n && rnd() < 0.4;
        const pr = price[p.netuid]!;
        if (sell) {
          const alpha = (p.alpha * BigInt(1 + Math.floor(rnd() * 50))) / 100n;
          p.alpha -= alpha;
          const tao = (alpha * pr) / A;
          facts.event({
            block,
            eventIndex: 1,
            kind: 'StakeRemoved',
            coldkey: p.coldkey,
            hotkey: p.hotkey,
            netuid: p.netuid,
            tao,
            alpha,
            fee: tao / 2000n,
            feeUnit: 'alpha',
          });
        } else {
          const tao = BigInt(Math.floor((0.5 + rnd() * 20) * 1e9));
          const alpha = (tao * A) / pr;
          p.alpha += alpha;
          facts.event({
            block,
            eventIndex: 1,
            kind: 'StakeAdded',
            coldkey: p.coldkey,
            hotkey: p.hotkey,
            netuid: p.netuid,
            tao,
            alpha,
            fee: 50_000n,
            feeUnit: 'tao',
          });
        }
        facts.checkpoint(block, p.coldkey, p.hotkey, p.netuid, p.alpha);
      }
      // Weekly emissions: every open position grows ~0.2 %, seen at a checkpoint.
      if (day % 7 === 6)
        for (const p of positions) {
          if (p.alpha === 0n) continue;
          p.alpha += p.alpha / 500n;
          facts.checkpoint(dayStart + BLOCKS_PER_DAY - 10, p.coldkey, p.hotkey, p.netuid, p.alpha);
        }
    }
  })();
  db.close();
  return { wallets, events: written, subnets, positions: positions.length, days };
}
