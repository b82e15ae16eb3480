// The portfolio channels on a synced devnet scenario, compared as numbers with the engine run
// directly on the same stored facts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePortfolio } from '../../shared/engine';
import type { ApiResponse, Wallet } from '../../shared/api';
import type { PortfolioView } from '../../shared/views';
import { benchmarkIds, costBasisMethods, rewardTreatments } from '../../shared/vocab';
import { syncedScenario, type SyncedScenario } from '../test/synced-scenario';
import { useTempDirs } from '../test/temp-dir';
import { loadPortfolioInput } from './portfolio-model';

const tempDir = useTempDirs();
let sc: SyncedScenario;

function data<T>(r: ApiResponse<unknown>): T {
  if (!('data' in r)) throw new Error(r.error.message);
  return r.data as T;
}

beforeAll(async () => {
  sc = await syncedScenario(tempDir(), 'tiny', 1);
}, 120_000);
afterAll(async () => {
  await sc.close();
});

describe('portfolio:get on the tiny scenario (stake held before the recorded history: an opening balance)', () => {
  it.each(costBasisMethods.flatMap((m) => rewardTreatments.map((r) => [m, r] as const)))(
    '%s / %s: every chart line ends at its card, and the cards are the engine’s',
    async (method, rewards) => {
      const view = data<PortfolioView>(await sc.backend.dispatch('portfolio:get', { method, rewards }));
      const t = view.total.figures;
      expect(t.openingTao).toBeGreaterThan(0n);
      const last = view.daily.at(-1);
      expect(last?.blockNumber).toBe(view.asOfBlock);
      expect(last?.value).toBe(t.spotValue);
      expect(last?.costBasis).toBe(t.costBasis);
      expect(last?.realizedCum).toBe(t.realized);
      expect(last?.incomeCum).toBe(t.incomeTao);
      // the Hold TAO line includes the opening balance: it ends at TAO in − TAO out, the card's value
      expect(last?.netInvested).toBe(t.taoIn - t.taoOut);
      for (const id of benchmarkIds) expect(last?.benchmarks[id]).toBe(view.total.benchmarks?.[id].benchmarkValue);

      const wallets = data<Wallet[]>(await sc.backend.dispatch('wallets:list', undefined));
      const engine = computePortfolio(loadPortfolioInput(sc.backend.db, wallets, 'USD'), { method, rewards });
      expect(t.totalReturn).toBe(engine.pnl.total.figures.totalReturn);
      expect(t.spotValue).toBe(engine.pnl.total.figures.spotValue);
      for (const id of benchmarkIds)
        expect(view.total.benchmarks?.[id].benchmarkValue).toBe(engine.benchmarks?.total[id].benchmarkValue);
      // totals are the sums of the subnets
      for (const id of benchmarkIds)
        expect(view.subnets.reduce((s, x) => s + (x.benchmarks?.[id].excess ?? 0n), 0n)).toBe(
          view.total.benchmarks?.[id].excess,
        );
    },
  );
});
