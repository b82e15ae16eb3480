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
