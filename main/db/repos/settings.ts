import { endpointSchema, type Settings } from '../../../shared/api';
import type { DB } from '../open';

export const DEFAULT_SETTINGS: Settings = {
  // None until the user chooses one: a fresh install dials nothing.
  endpoint: null,
  costBasisMethod: 'acb',
  rewardTreatment: 'income',
  fiatCurrency: 'USD',
  privacyMode: false,
};

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export function settingsRepo(db: DB) {
  const all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<{ key: string; value: string }>(
    'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const read = (): Settings => {
    const stored = new Map(all.all().map((r) => [r.key, r.value]));
    const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of KEYS) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      try {
        const value: unknown = JSON.parse(raw);
        // A hand-edited row of the wrong type falls back to the default rather than crashing.
        if (key === 'endpoint') result[key] = endpointSchema.nullable().safeParse(value).data ?? null;
        else if (typeof value === typeof DEFAULT_SETTINGS[key]) result[key] = value;
      } catch {
        /* keep default */
      }
    }
    return result as unknown as Settings;
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
