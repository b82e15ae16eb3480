// Stake/unstake markers on a time chart, drawn as one SVG path per direction. recharts' Scatter drew
// each marker as its own component tree (symbol, props merging, event adapters): with a marker most
// days, that was most of the script, the DOM writes and the garbage of drawing Portfolio's or a subnet's
// chart (bench/ui.ts: navigation and recompute). The marker's text moves into the crosshair tooltip of
// its day, which also makes it reachable without hitting a 10 px symbol.
import { useXAxisScale, useYAxisScale } from 'recharts';

export type MarkerKind = 'buy' | 'sell';

export interface PlacedMarker {
  t: number;
  /** Where it sits on the first line (chart units). */
  y: number;
}

/** Half the symbol's size in px (recharts' default symbol covers about 64 px², a ~10 px shape). */
const R = 5;

/** The path of every symbol of one kind: an upward triangle for a stake, a diamond for an unstake. */
export function markerPath(kind: MarkerKind, at: readonly { x: number; y: number }[]): string {
  const one =
    kind === 'buy'
      ? (x: number, y: number) => `M${x} ${y - R}L${x + R} ${y + R}L${x - R} ${y + R}Z`
      : (x: number, y: number) => `M${x} ${y - R}L${x + R} ${y}L${x} ${y + R}L${x - R} ${y}Z`;
  return at.map(({ x, y }) => one(round(x), round(y))).join('');
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * The markers' texts by point index (the day the crosshair shows): a marker belongs to the last point
 * at or before its time. Points are in time order.
 */
export function markerTextsByPoint(
  points: readonly { t: number }[],
  markers: readonly { t: number; text: string }[],
): ReadonlyMap<number, string[]> {
  const out = new Map<number, string[]>();
  for (const m of markers) {
    const j = pointAtOrBefore(points, m.t);
    if (j < 0) continue;
    const texts = out.get(j);
    if (texts) texts.push(m.text);
    else out.set(j, [m.text]);
  }
  return out;
}

/** Index of the last point at or before `t` (−1 when `t` precedes them all); binary search. */
export function pointAtOrBefore(points: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = points.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A chart child: the markers of one kind as a single path, placed with the chart's own axis scales. */
export function MarkerLayer(props: { kind: MarkerKind; markers: readonly PlacedMarker[]; fill: string }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y || props.markers.length === 0) return null;
  const at: { x: number; y: number }[] = [];
  for (const m of props.markers) {
    const px = x(m.t);
    const py = y(m.y);
    if (px !== undefined && py !== undefined) at.push({ x: px, y: py });
  }
  return (
    <path
      className="chart-markers"
      data-testid={`chart-markers-${props.kind}`}
      data-count={at.length}
      d={markerPath(props.kind, at)}
      fill={props.fill}
      pointerEvents="none"
    />
  );
}
