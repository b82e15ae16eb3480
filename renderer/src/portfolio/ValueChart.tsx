import type { SeriesPointView } from '../../../shared/views';
import { tao } from '../app/format';

const W = 720;
const H = 200;
const PAD = 6;

/** Daily portfolio value against the "Hold TAO" benchmark, as a small dependency-free SVG chart. */
export function ValueChart({ points }: { points: SeriesPointView[] }) {
  if (points.length < 2) return <p className="muted">The chart appears after two days of history.</p>;
  const values = points.flatMap((p) => [p.value, p.holdTao]);
  let min = values[0]!;
  let max = values[0]!;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min === 0n ? 1n : max - min;
  // Scale in bigint first, then to pixels: amounts stay exact until the last step.
  const y = (v: bigint) => PAD + (H - 2 * PAD) * (1 - Number(((v - min) * 10_000n) / span) / 10_000);
  const x = (i: number) => PAD + ((W - 2 * PAD) * i) / (points.length - 1);
  const line = (get: (p: SeriesPointView) => bigint) =>
    points.map((p, i) => `${x(i).toFixed(1)},${y(get(p)).toFixed(1)}`).join(' ');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="chart" aria-label="Portfolio value and Hold TAO benchmark over time">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" preserveAspectRatio="none">
        <polyline className="line-bench" points={line((p) => p.holdTao)} />
        <polyline className="line-value" points={line((p) => p.value)} />
      </svg>
      <figcaption>
        <span>{first.day}</span>
        <span className="legend">
          <i className="swatch value" /> Portfolio <span className="amount">{tao(last.value, 2)}</span>
          <i className="swatch bench" /> Hold TAO <span className="amount">{tao(last.holdTao, 2)}</span>
        </span>
        <span>{last.day}</span>
      </figcaption>
    </figure>
  );
}
