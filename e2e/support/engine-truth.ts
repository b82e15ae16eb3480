import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CostBasisMethod, RewardTreatment } from '../../shared/api';
import type { AnalyticsView, PortfolioView, SubnetDetailView } from '../../shared/views';
import type { DisplayCurrency } from '../../shared/vocab';
import { buildAnalyticsView } from '../../main/services/analytics-view';
import { buildSubnetView } from '../../main/services/subnet-view';
import { DATABASE_FILE, type DB } from '../../main/db/open';
import { settingsRepo } from '../../main/db/repos/settings';
import { walletsRepo } from '../../main/db/repos/wallets';
import { identitiesRepo } from '../../main/db/repos/identities';
import { computePortfolioView } from '../../main/services/portfolio-model';

/**
 * The engine's own output for the data the web host serves, computed in the test process from a
 * read-only handle on the same database: what every figure on screen must equal.
 */
export function engineView(
  dataDir: string,
  query: { method?: CostBasisMethod; rewards?: RewardTreatment } = {},
): PortfolioView {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true }) as DB;
  db.defaultSafeIntegers(true);
  try {
    const settings = settingsRepo(db).get();
    return computePortfolioView(db, walletsRepo(db).list(), settings, {
      method: query.method ?? settings.costBasisMethod,
      rewards: query.rewards ?? settings.rewardTreatment,
    }).view;
  } finally {
    db.close();
  }
}

/**
 * The cockpit (and one subnet's page) as the service builds them, in τ or in the imported fiat
 * currency, from the same database: what the analytics figures on screen must equal.
 */
export function engineAnalytics(
  dataDir: string,
  currency: DisplayCurrency,
  netuid: number,
  range: { from?: string; to?: string } = {},
): { cockpit: AnalyticsView; subnet: SubnetDetailView } {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true }) as DB;
  db.defaultSafeIntegers(true);
  try {
    const settings = settingsRepo(db).get();
    const computed = computePortfolioView(db, walletsRepo(db).list(), settings, {
      method: settings.costBasisMethod,
      rewards: settings.rewardTreatment,
    });
    const query = { currency, riskFree: 'rootYield' as const, ...range };
    const cockpit = buildAnalyticsView(computed, query, settings.fiatCurrency);
    return { cockpit, subnet: buildSubnetView(computed, cockpit, netuid, query, settings.fiatCurrency) };
  } finally {
    db.close();
  }
}

/**
 * A subnet's share of network emissions straight from the stored snapshots (SQL, not the engine): its
 * tao_in_emission over all subnets' at its latest snapshot at or before `asOfBlock` that recorded one.
 */
export function storedEmissionShare(dataDir: string, netuid: number, asOfBlock: number): number | null {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  try {
    const row = db
      .prepare<[number, number], { block_number: bigint; own: bigint; total: bigint }>(
        `SELECT s.block_number, s.tao_in_emission AS own,
           (SELECT SUM(t.tao_in_emission) FROM subnet_snapshots t WHERE t.block_number = s.block_number) AS total
         FROM subnet_snapshots s
         WHERE s.netuid = ? AND s.block_number <= ? AND s.tao_in_emission IS NOT NULL
         ORDER BY s.block_number DESC LIMIT 1`,
      )
      .get(netuid, asOfBlock);
    return row && row.total > 0n ? Number(row.own) / Number(row.total) : null;
  } finally {
    db.close();
  }
}

/**
 * Net TAO flow into a subnet's pool over `days` straight from the stored snapshots (SQL, not the
 * engine): its TAO reserve at the latest snapshot at or before `asOfBlock`, minus the reserve at the
 * latest snapshot at least `days` earlier (by block time); null without one that old.
 */
export function storedNetTaoFlow(
  dataDir: string,
  netuid: number,
  asOf: { block: number; timestamp: number },
  days: number,
): bigint | null {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  try {
    const reserve = db.prepare<[number, number, number], { tao_in: bigint }>(
      `SELECT s.tao_in FROM subnet_snapshots s JOIN blocks b ON b.number = s.block_number
       WHERE s.netuid = ? AND s.block_number <= ? AND b.timestamp <= ?
       ORDER BY s.block_number DESC LIMIT 1`,
    );
    const now = reserve.get(netuid, asOf.block, Number.MAX_SAFE_INTEGER);
    const then = reserve.get(netuid, asOf.block, asOf.timestamp - days * 86_400_000);
    return now && then ? now.tao_in - then.tao_in : null;
  } finally {
    db.close();
  }
}

/** Parse a displayed amount ("−τ1,234.567890123", "+τ0.5", "12.3 α") into its 9-decimal integer. */
export function parseUnits(text: string): bigint {
  const m = /([+−-]?)[^\d]*([\d,]+)(?:\.(\d{1,9}))?/.exec(text.trim());
  if (!m) throw new Error(`not an amount: ${JSON.stringify(text)}`);
  const whole = BigInt(m[2]!.replace(/,/g, ''));
  const frac = BigInt((m[3] ?? '').padEnd(9, '0'));
  const abs = whole * 1_000_000_000n + frac;
  return m[1] === '−' || m[1] === '-' ? -abs : abs;
}

/** A percentage as displayed ("−6.68%") to a number (fraction). */
export function parsePct(text: string): number {
  const m = /([+−-]?)([\d.]+)%/.exec(text);
  if (!m) throw new Error(`not a percentage: ${JSON.stringify(text)}`);
  return (m[1] === '−' || m[1] === '-' ? -1 : 1) * (Number(m[2]) / 100);
}

/** The validator names sync cached (hotkey → name, or null where the owner has no identity). */
export function storedIdentities(dataDir: string): Map<string, string | null> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true }) as DB;
  try {
    return new Map(
      identitiesRepo(db)
        .list()
        .map((r) => [r.hotkey, r.name]),
    );
  } finally {
    db.close();
  }
}
