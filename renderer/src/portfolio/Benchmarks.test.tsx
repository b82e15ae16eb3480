import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BenchmarkView } from '../../../shared/views-analytics';
import { TAO_UNIT } from '../app/Money';
import { BenchmarkCard } from './Benchmarks';

const TAO = 1_000_000_000n;
// The demo devnet's Hold TAO row: 541.5968 + 35.2332 − 458.6403 − 0 = 118.1897.
const hold: BenchmarkView = {
  id: 'holdTao',
  available: true,
  complete: true,
  benchmarkValue: 2_020_873_800_000n,
  betValue: 2_139_063_500_000n,
  excess: 118_189_700_000n,
  priceEffect: 541_596_800_000n,
  emissionEffect: 35_233_200_000n,
  frictionEffect: -458_640_300_000n,
  benchmarkGain: 0n,
};
const rootStake: BenchmarkView = { ...hold, id: 'rootStake', excess: 108_488_200_000n, benchmarkGain: 9_701_500_000n };

/** A shown τ figure back in rao ("−τ458.6403" → −458640300000). */
const rao = (text: string) => {
  const [whole, frac = ''] = text.replace(/[+−±τ,]/g, '').split('.');
  return (text.startsWith('−') ? -1n : 1n) * (BigInt(whole!) * TAO + BigInt(frac.padEnd(9, '0')));
};

describe('<BenchmarkCard>', () => {
  it('says how the columns add up to the excess with the signs they are shown with', () => {
    render(<BenchmarkCard benchmarks={[hold, rootStake]} unit={TAO_UNIT} />);
    // "Excess = price effect + emission effect + friction effect (…) − benchmark gain (…)": each term's
    // sign and column, read from the note (it said "− friction" beside a friction column shown negative).
    const note = screen.getByText(/^Each baseline replays/).textContent!;
    const terms = [...note.replace(/\([^)]*\)/g, '').matchAll(/([=+−]) (price|emission|friction|benchmark) (\w+)/g)];
    expect(terms.map((t) => `${t[1]} ${t[2]} ${t[3]}`)).toEqual([
      '= price effect',
      '+ emission effect',
      '+ friction effect',
      '− benchmark gain',
    ]);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent!.toLowerCase());
    for (const id of ['holdTao', 'rootStake']) {
      const cells = within(screen.getByTestId(`bench-${id}`))
        .getAllByRole('cell')
        .map((c) => c.textContent!);
      const column = (name: string) => rao(cells[headers.indexOf(name)]!);
      const sum = terms.reduce((s, [, sign, a, b]) => s + (sign === '−' ? -1n : 1n) * column(`${a} ${b}`), 0n);
      expect(sum, id).toBe(column('excess'));
    }
    // Hold TAO gains nothing against itself: its zero is signed like the rest of the column.
    const gain = headers.indexOf('benchmark gain');
    const gains = ['holdTao', 'rootStake'].map(
      (id) => within(screen.getByTestId(`bench-${id}`)).getAllByRole('cell')[gain]!.textContent,
    );
    expect(gains).toEqual(['±τ0.0000', '+τ9.7015']);
  });
});
