import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { METRICS } from '../../../shared/vocab';
import { Masked } from '../app/Amount';
import { FULL_DECIMALS, pct } from '../app/format';
import { formatIn, IN_TAO, valueIn, type ShownIn } from '../app/Money';
import { toChartNumber } from './chart-data';
import { ChartShell } from './ChartShell';
import { memoOnData } from './same-data';

export interface Slice {
  id: string;
  label: string;
  value: bigint;
}

const COLORS = Array.from({ length: 8 }, (_, i) => `var(--chart-${i + 1})`);
/** Slices beyond this many are folded into "Other" so the picture stays readable. */
const MAX_SLICES = 7;

/** Shares of value in exact integer arithmetic (basis points of the total), largest first. */
export function allocationSlices(slices: readonly Slice[]): (Slice & { share: number })[] {
  const positive = slices
    .filter((s) => s.value > 0n)
    .sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : 0));
  const head = positive.slice(0, MAX_SLICES);
  const rest = positive.slice(MAX_SLICES);
  if (rest.length > 0)
    head.push({ id: 'other', label: `Other (${rest.length})`, value: rest.reduce((a, s) => a + s.value, 0n) });
  const total = head.reduce((a, s) => a + s.value, 0n);
  return head.map((s) => ({ ...s, share: total === 0n ? 0 : Number((s.value * 1_000_000n) / total) / 1_000_000 }));
}

/** A τ value in the display currency: "no price" in fiat without the as-of day's price. */
function valueText(rao: bigint, decimals: number | undefined, shownIn: ShownIn): string {
  const amount = valueIn(rao, shownIn);
  return amount === null ? 'no price' : formatIn(shownIn.unit)(amount, decimals);
}

/**
 * Allocation by subnet at spot value: a donut with a legend listing value and share. Drawn again only
 * when the slices change (a recompute for another method leaves spot values as they are). Shares come
 * from the τ values (one price converts them all, so they are the same in fiat).
 */
export const AllocationChart = memoOnData(function AllocationChart({
  slices,
  title = 'Allocation by subnet',
  shownIn = IN_TAO,
}: {
  slices: readonly Slice[];
  title?: string;
  shownIn?: ShownIn;
}) {
  const shown = allocationSlices(slices);
  const money = (rao: bigint, decimals?: number) => valueText(rao, decimals, shownIn);
  const summary =
    shown.length === 0
      ? `${title}: nothing held.`
      : `${title}: ${shown.map((s) => `${s.label} ${money(s.value)} (${pct(s.share, 1).replace('+', '')})`).join(', ')}.`;
  const legend = (
    <ul className="chart-legend allocation-legend">
      {shown.map((s, i) => (
        <li key={s.id} data-testid={`allocation-${s.id}`}>
          <i className="swatch" style={{ background: COLORS[i % COLORS.length] }} /> {s.label}{' '}
          <Masked text={money(s.value, 2)} full={money(s.value, FULL_DECIMALS)} tone={null} />{' '}
          <span className="muted">
            <Masked text={pct(s.share, 1).replace('+', '')} full={pct(s.share, 4).replace('+', '')} tone={null} />
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <ChartShell
      title={title}
      help={METRICS.allocationShare.help}
      summary={summary}
      legend={legend}
      legendInPrivacy={false}
      testId="chart-allocation"
    >
      {shown.length === 0 ? (
        <p className="muted chart-empty">Nothing held.</p>
      ) : (
        <ResponsiveContainer width="100%" height={200}>
          <PieChart>
            <Pie
              data={shown.map((s) => ({ name: s.label, value: toChartNumber(s.value) }))}
              dataKey="value"
              nameKey="name"
              innerRadius="55%"
              outerRadius="90%"
              stroke="var(--surface)"
              isAnimationActive={false}
            >
              {shown.map((s, i) => (
                <Cell key={s.id} fill={COLORS[i % COLORS.length]} />
              ))}
            </Pie>
            <Tooltip
              content={({ active, payload }) => {
                const name = payload?.[0]?.name;
                const s = shown.find((x) => x.label === name);
                if (!active || !s) return null;
                return (
                  <div className="chart-tip">
                    {s.label}: {money(s.value)} · {pct(s.share, 2).replace('+', '')}
                  </div>
                );
              }}
            />
          </PieChart>
        </ResponsiveContainer>
      )}
    </ChartShell>
  );
});
