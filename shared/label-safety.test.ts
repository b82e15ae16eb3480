import { describe, expect, it } from 'vitest';
import { contract } from './api';

const add = contract['wallets:add'].args;
const ADDRESS = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';

describe('labels and groups are plain text', () => {
  it.each([
    ['RTL override', 'Main\u202Egnp.exe'],
    ['isolate', 'a\u2067b'],
    ['newline', 'line1\nline2'],
    ['escape', 'red\u001b[31m'],
    ['C1 control', 'x\u0085y'],
    ['BOM', 'Ma\uFEFFin'],
    ['zero-width space', 'Ma\u200Bin'],
  ])('refuses a %s in a label and a group', (_name, text) => {
    const label = add.safeParse({ address: ADDRESS, label: text });
    expect(label.success).toBe(false);
    expect(label.error?.issues[0]?.message).toMatch(/control or text-direction characters/);
    expect(add.safeParse({ address: ADDRESS, label: 'ok', group: text }).success).toBe(false);
  });

  it('keeps ordinary text of any script, emoji with joiners included', () => {
    for (const text of ['Main', 'Холодный', 'محفظة', '金庫', '👩‍💻 dev', 'Ops & “tax”'])
      expect(add.safeParse({ address: ADDRESS, label: text, group: text }).success, text).toBe(true);
  });
});
