// The portfolio's figures after a full sync of a devnet history, under every cost-basis method and
// reward treatment: every price the figures need is there (no subnet without a price, no emission
// valued without one, no leg whose friction is unknown), total return is the same in all eight modes
// and equals realized + unrealized (+ income when rewards are income), positions and subnets (with
// validator funds) sum to the total field by field, and nothing is unexplained beyond the share
// pool's rounding (docs/chain/reconciliation.md). Demo seed 1 has a coldkey swap between two tracked
// wallets whose sides differ by that rounding (shared/engine/effects.ts carried).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Devnet } from '../../devnet/index';
import { ADDITIVE_KEYS, type AdditiveKey } from '../../shared/engine/pnl';
import type { BasketFigures } from '../../shared/engine/basket-types';
import { costBasisMethods, rewardTreatments } from '../../shared/vocab';
import { syncedDevnetBackend } from '../test/backend';
import { ensureDevnetMetadata } from '../test/devnet';
import { useTempDirs } from '../test/temp-dir';

ensureDevnetMetadata();
const { startDevnet } = await import('../../devnet/index');
const tempDir = useTempDirs();

/** What validator funds add to each additive field of the total (shared/engine/basket-totals.ts). */
const fundPart = (b: BasketFigures): Partial<Record<AdditiveKey, bigint>> => ({
  spotValue: b.value,
  costBasis: b.costBasis,
  realized: b.realized,
  unrealized: b.unrealized,
  incomeTao: b.income,
  taoIn: b.taoIn,
  taoOut: b.taoOut,
  friction: b.fees,
  totalReturn: b.totalReturn,
});
/** The share pool's rounding: an unexplained change of at most this many α-rao is expected. */
const ROUNDING = 2n;

describe.each([
  ['demo', 1],
  ['basket475', 1],
  ['upgrade424', 1],
  ['lease', 1],
] as const)('figures of devnet %s seed %i', (scenario, seed) => {
  let dn: Devnet;
  beforeAll(async () => {
    dn = await startDevnet({ scenario, seed, port: 0 });
  });
  afterAll(async () => {
    await dn.close();
  });

  it('are complete, agree across modes and add up', async () => {
    const backend = await syncedDevnetBackend(tempDir(), dn);
    const problems: string[] = [];
    const totalReturns = new Set<bigint>();
    for (const rewards of rewardTreatments)
      for (const method of costBasisMethods) {
        const mode = `${method}/${rewards}`;
        const v = await backend.call('portfolio:get', { method, rewards });
        const t = v.total.figures;
        const { missingPrice, emissionsUnpriced, frictionUnknownLegs } = t.flags;
        if (missingPrice.length > 0 || emissionsUnpriced > 0 || frictionUnknownLegs > 0)
          problems.push(
            `${mode}: unpriced ${JSON.stringify({ missingPrice, emissionsUnpriced, frictionUnknownLegs })}`,
          );
        totalReturns.add(t.totalReturn);
        const parts = t.realized + t.unrealized + (rewards === 'income' ? t.incomeTao : 0n);
        if (parts !== t.totalReturn) problems.push(`${mode}: parts ${parts} ≠ total return ${t.totalReturn}`);
        const funds = fundPart(v.baskets.total);
        for (const k of ADDITIVE_KEYS) {
          const bySubnet = v.subnets.reduce((a, s) => a + s.figures[k], funds[k] ?? 0n);
          const byPosition = v.positions.reduce((a, p) => a + p.figures[k], funds[k] ?? 0n);
          if (bySubnet !== t[k] || byPosition !== t[k])
            problems.push(`${mode}: ${k} subnets ${bySubnet}, positions ${byPosition}, total ${t[k]}`);
        }
        for (const u of v.unexplained)
          if (u.alpha > ROUNDING || u.alpha < -ROUNDING) problems.push(`${mode}: unexplained ${u.alpha} at ${u.block}`);
      }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(totalReturns.size).toBe(1);
    await backend.sync.close();
    backend.close();
  }, 120_000);
});
