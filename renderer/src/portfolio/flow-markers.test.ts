import { describe, expect, it } from 'vitest';
import { foldMarkers } from '../../../shared/flow-markers';
import type { MarkerView } from '../../../shared/views';
import { TAO_UNIT } from '../app/Money';
import { flowMarkers } from './PortfolioCharts';

const TAO = 1_000_000_000n;
const marker = (t: number, netuid: number, staked: bigint, unstaked = 0n): MarkerView => ({
  day: new Date(t).toISOString().slice(0, 10),
  t,
  netuid,
  staked,
  unstaked,
  stakes: staked > 0n ? 1 : 0,
  unstakes: unstaked > 0n ? 2 : 0,
});

// The backend folds (foldMarkers); the chart only words each day's sides.
const chartMarkers = (rows: MarkerView[]) => flowMarkers(foldMarkers(rows), TAO_UNIT);

describe('flowMarkers', () => {
  it('one marker per day and direction, naming each subnet’s amount', () => {
    const out = chartMarkers([marker(0, 1, 5n * TAO), marker(0, 2, TAO, 3n * TAO), marker(86_400_000, 1, 2n * TAO)]);
    expect(out).toEqual([
      { t: 0, kind: 'buy', text: 'Staked τ5.0000 on SN1 (1×); Staked τ1.0000 on SN2 (1×)' },
      { t: 0, kind: 'sell', text: 'Unstaked τ3.0000 from SN2 (2×)' },
      { t: 86_400_000, kind: 'buy', text: 'Staked τ2.0000 on SN1 (1×)' },
    ]);
  });

  it('a day with many subnets names four and counts the rest', () => {
    const day = Array.from({ length: 64 }, (_, i) => marker(0, i + 1, TAO));
    const out = chartMarkers(day);
    expect(out).toHaveLength(1);
    expect(out[0]!.text).toMatch(/^Staked τ1\.0000 on SN1 \(1×\);.*SN4 \(1×\); and 60 more subnets$/);
  });

  it('a fiat amount without a price leaves the amount out, as before', () => {
    const out = flowMarkers(
      [
        {
          day: '1970-01-01',
          t: 0,
          staked: null,
          unstaked: { parts: [{ netuid: 7, amount: null, count: 3 }], more: 0 },
        },
      ],
      TAO_UNIT,
    );
    expect(out).toEqual([{ t: 0, kind: 'sell', text: 'Unstaked  from SN7 (3×)' }]);
  });
});
