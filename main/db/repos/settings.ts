import { settingsSchema, type Settings } from '../../../shared/api';
import type { DB } from '../open';

export const DEFAULT_SETTINGS: Settings = {
  // None until the user chooses one: a fresh install dials nothing.
  endpoint: null,
  costBasisMethod: 'acb',
  rewardTreatment: 'income',
  basketIncome: 'accrual',
  fiatCurrency: 'USD',
  privacyMode: false,
};

type Key = keyof Settings;
const KEYS = Object.keys(settingsSchema.shape) as Key[];

/** The invalid values already reported, per database. */
const warnedIn = new WeakMap<DB, Set<string>>();

/**
 * Settings are stored one JSON value per key. Every value read is checked against the same rule
 * the API applies to writes, so a row edited by hand to something invalid is reported and the
 * default is used, never passed on.
 */
export function settingsRepo(db: DB, warn: (message: string) => void = (m) => console.error(m)) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<{ key: string; value: string }>(
    'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  // Once per database and value, however many parts of the backend read the settings.
  let warned = warnedIn.get(db);
  if (!warned) warnedIn.set(db, (warned = new Set<string>()));
  const read = (): Settings => {
    const stored = new Map(all.all().map((r) => [r.key, r.value]));
    const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        value = undefined;
      }
      const parsed = settingsSchema.shape[key].safeParse(value);
      if (parsed.success) result[key] = parsed.data;
      else if (!warned.has(`${key}=${raw}`)) {
        warned.add(`${key}=${raw}`);
        warn(`Setting ${key} holds an invalid value (${raw.slice(0, 80)}); using ${String(DEFAULT_SETTINGS[key])}.`);
      }
    }
    return result as Settings;
  };
  const write = db.transaction((patch: Partial<Settings>) => {
    for (const key of KEYS) {
      const value = patch[key];
      if (value !== undefined) upsert.run({ key, value: JSON.stringify(value) });
    }
  });
  return {
    get: read,
    update: (patch: Partial<Settings>): Settings => {
      write(patch);
      return read();
    },
  };
}
