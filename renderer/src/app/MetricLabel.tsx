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
export function MetricHeader({ id, label }: { id: MetricId; label?: string }) {
  return (
    <th className="num" scope="col">
      <MetricLabel label={label ?? METRICS[id].label} help={METRICS[id].help} />
    </th>
  );
}
