import type { AnalyticsView } from '../../../shared/views';
import { BENCHMARKS, type MetricId } from '../../../shared/vocab';
import { MetricHeader, MetricLabel } from '../app/MetricLabel';
import { Money, type Unit } from '../app/Money';

const COLUMNS: MetricId[] = [
  'benchmarkValue',
  'excess',
  'priceEffect',
  'emissionEffect',
  'frictionEffect',
  'benchmarkGain',
];

/**
 * The bets against every benchmark the engine computes (one row each, from the vocabulary, so a new
 * basket appears by itself): what the same flows would be worth, and the excess split into parts.
 */
export function BenchmarkCard({
  benchmarks,
  unit,
  title = 'Against holding TAO and other baselines',
}: {
  benchmarks: AnalyticsView['benchmarks'];
  unit: Unit;
  title?: string;
}) {
  return (
    <div className="card" aria-labelledby="bench-title">
      <h2 id="bench-title">{title}</h2>
      <p className="muted small">
        Each baseline replays your own TAO flows (in and out, on the same days). Excess = price effect + emission effect
        + friction effect (negative: what fees, slippage and burns cost) − benchmark gain (what the baseline itself
        gained).
      </p>
      <div className="scroll-x">
        <table className="table compact wrap-heads" aria-label="Benchmarks">
          <thead>
            <tr>
              <th>Baseline</th>
              {COLUMNS.map((id) => (
                <MetricHeader key={id} id={id} />
              ))}
            </tr>
          </thead>
          <tbody>
            {benchmarks.map((b) => (
              <tr key={b.id} data-testid={`bench-${b.id}`}>
                <td>
                  <MetricLabel label={BENCHMARKS[b.id].label} help={BENCHMARKS[b.id].help} />
                  {b.available && !b.complete && <span className="chip">partial data</span>}
                </td>
                {b.available ? (
                  COLUMNS.map((id) => (
                    <td key={id} className="num">
                      <Money
                        amount={b[id as keyof typeof b] as bigint | null}
                        unit={unit}
                        sign={id !== 'benchmarkValue'}
                      />
                    </td>
                  ))
                ) : (
                  <td colSpan={COLUMNS.length} className="muted">
                    Not enough data recorded for this baseline.
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
