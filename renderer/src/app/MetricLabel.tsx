import { METRICS, type MetricId } from '../../../shared/vocab';

/**
 * A metric's name with its one-sentence definition (its glossary entry, from the shared vocabularies)
 * on hover, and on keyboard focus through the same text in a CSS tooltip.
 */
export function MetricLabel({ label, help }: { label: string; help: string }) {
  return (
    <span className="metric-label" tabIndex={0} title={help} data-help={help}>
      {label}
    </span>
  );
}

/** A numeric column header for a metric of the vocabulary: its label (or a shorter one) and its help. */
export function MetricHeader({
  id,
  label,
  roomy = false,
  narrowSub,
}: {
  id: MetricId;
  label?: string;
  /** Hidden on a narrow window, where another column shows the figure (.col-roomy, sections.css). */
  roomy?: boolean;
  /** The figure this column shows under its own on a narrow window: its second header line there. */
  narrowSub?: string;
}) {
  return (
    <th className={roomy ? 'num col-roomy' : 'num'} scope="col">
      <MetricLabel label={label ?? METRICS[id].label} help={METRICS[id].help} />
      {narrowSub && <span className="th-sub narrow-only">{narrowSub}</span>}
    </th>
  );
}
