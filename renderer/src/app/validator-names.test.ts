import { describe, expect, it } from 'vitest';
import type { ActivityRow } from '../../../shared/activity';
import { hotkeysText, hotkeysTitle } from '../activity/row-view';
import { namesOf, validatorText, validatorTitle } from './validator-names';

const HOT_A = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const HOT_B = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';

describe('validator names', () => {
  const names = namesOf([
    { hotkey: HOT_A, owner: '5owner', name: 'Ember Labs', block: 10 },
    { hotkey: HOT_B, owner: null, name: null, block: 10 },
  ]);

  it('names only the hotkeys whose owner has an identity', () => {
    expect([...names]).toEqual([[HOT_A, 'Ember Labs']]);
  });

  it('shows the name, else the shortened hotkey; hover text always carries the full hotkey', () => {
    expect(validatorText(HOT_A, names)).toBe('Ember Labs');
    expect(validatorText(HOT_B, names)).toBe('5FHneW46…M694ty');
    expect(validatorTitle(HOT_A, names)).toBe(`Ember Labs · ${HOT_A}`);
    expect(validatorTitle(HOT_B, names)).toBe(HOT_B);
  });

  it('names both sides of a move between hotkeys in an Activity row', () => {
    const leg = (hotkey: string) => ({ hotkey }) as ActivityRow['legs'][number];
    const row = { legs: [leg(HOT_A), leg(HOT_B), leg(HOT_A)] } as ActivityRow;
    expect(hotkeysText(row, names)).toBe('Ember Labs → 5FHneW46…M694ty');
    expect(hotkeysTitle(row, names)).toBe(`Ember Labs · ${HOT_A} → ${HOT_B}`);
    expect(hotkeysText(row)).toBe('5GrwvaEF…GKutQY → 5FHneW46…M694ty');
  });
});
