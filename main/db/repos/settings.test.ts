import { describe, expect, it } from 'vitest';
import { openDatabase } from '../open';
import { useTempDirs } from '../../test/temp-dir';
import { DEFAULT_SETTINGS, settingsRepo } from './settings';

const tempDir = useTempDirs();

describe('settings store', () => {
  it('checks every value it reads: a hand-edited method or currency falls back to the default, with one warning each', () => {
    const { db } = openDatabase({ dataDir: tempDir() });
    const warnings: string[] = [];
    const repo = settingsRepo(db, (m) => warnings.push(m));
    repo.update({ costBasisMethod: 'fifo', fiatCurrency: 'EUR', privacyMode: true });
    const edit = db.prepare('UPDATE settings SET value = ? WHERE key = ?');
    edit.run(JSON.stringify('xyz'), 'costBasisMethod');
    edit.run('not json', 'fiatCurrency');

    expect(repo.get()).toEqual({ ...DEFAULT_SETTINGS, privacyMode: true });
    repo.get();
    // Another reader of the same database (the backend has several) does not say it again.
    expect(settingsRepo(db, (m) => warnings.push(m)).get()).toEqual(repo.get());
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/costBasisMethod holds an invalid value \("xyz"\); using acb/);
    db.close();
  });

  it('keeps valid values as written', () => {
    const { db } = openDatabase({ dataDir: tempDir() });
    const repo = settingsRepo(db);
    expect(repo.update({ costBasisMethod: 'hifo', rewardTreatment: 'zero' })).toMatchObject({
      costBasisMethod: 'hifo',
      rewardTreatment: 'zero',
    });
    db.close();
  });
});
