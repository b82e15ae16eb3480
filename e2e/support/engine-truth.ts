import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CostBasisMethod, RewardTreatment } from '../../shared/api';
import type { PortfolioView } from '../../shared/views';
import { DATABASE_FILE, type DB } from '../../main/db/open';
import { settingsRepo } from '../../main/db/repos/settings';
import { walletsRepo } from '../../main/db/repos/wallets';
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
