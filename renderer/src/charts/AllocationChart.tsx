import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { METRICS } from '../../../shared/vocab';
import { Masked, Pct } from '../app/Amount';
import { counted, FULL_DECIMALS, pct } from '../app/format';
import { formatIn, IN_TAO, valueIn, type ShownIn } from '../app/Money';
import { toChartNumber } from './chart-data';
import { ChartShell } from './ChartShell';
import { memoOnData } from './same-data';

export interface Slice {
  id: string;
  label: string;
  value: bigint;
  /** A validator fund's slice (not a subnet): named as such where it is folded into "Other". */
  fund?: boolean;
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
    head.push({ id: 'other', label: otherLabel(rest), value: rest.reduce((a, s) => a + s.value, 0n) });
  const total = head.reduce((a, s) => a + s.value, 0n);
  return head.map((s) => ({ ...s, share: total === 0n ? 0 : Number((s.value * 1_000_000n) / total) / 1_000_000 }));
}

/** "Other (3)" of subnets only; with validator funds among them, each kind counted: "Other (1 subnet, 1 validator fund)". */
function otherLabel(rest: readonly Slice[]): string {
  const funds = rest.filter((s) => s.fund).length;
  if (funds === 0) return `Other (${rest.length})`;
  const subnets = rest.length - funds;
  const parts = [...(subnets > 0 ? [counted(subnets, 'subnet')] : []), counted(funds, 'validator fund')];
  return `Other (${parts.join(', ')})`;
}

/** A share's precision: the Subnets table's allocation column's (subnets/columns.tsx), one decimal. */
const SHARE_DECIMALS = 1;
/** A share as the app writes a percentage (app/format.ts `pct`), unsigned: "56.0%". */
export const shareText = (share: number) => pct(share, SHARE_DECIMALS, { signed: false });

/** A slice's tooltip: its value and its share, the share as the legend writes it. */
export const tipText = (s: Slice & { share: number }, money: (rao: bigint) => string) =>
  `${s.label}: ${money(s.value)} · ${shareText(s.share)}`;

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
      : `${title}: ${shown.map((s) => `${s.label} ${money(s.value)} (${shareText(s.share)})`).join(', ')}.`;
  const legend = (
    <ul className="chart-legend allocation-legend">
      {shown.map((s, i) => (
        <li key={s.id} data-testid={`allocation-${s.id}`}>
          <i className="swatch" style={{ background: COLORS[i % COLORS.length] }} /> {s.label}{' '}
          <Masked text={money(s.value, 2)} full={money(s.value, FULL_DECIMALS)} tone={null} />{' '}
          <span className="muted">
            <Pct value={s.share} decimals={SHARE_DECIMALS} tone={false} signed={false} />
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
                return <div className="chart-tip">{tipText(s, money)}</div>;
              }}
            />
          </PieChart>
        </ResponsiveContainer>
      )}
    </ChartShell>
  );
});
