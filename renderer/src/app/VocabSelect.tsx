import { idsOf, isIdOf, type Term } from '../../../shared/vocab';

/**
 * A <select> over one vocabulary of shared/vocab.ts: its options, labels and tooltips come from the
 * vocabulary, and only one of its ids (or, with `emptyLabel`, undefined) ever reaches `onChange`.
 */
export function VocabSelect<V extends Record<string, Term>>(props: {
  vocabulary: V;
  value: (keyof V & string) | undefined;
  onChange: (value: (keyof V & string) | undefined) => void;
  /** Offer an empty choice with this label (e.g. "Settings default"). */
  emptyLabel?: string;
  /** Which label to show: the full one (default) or a `short` one where the vocabulary has it. */
  labelKey?: 'label' | 'short';
}) {
  const { vocabulary, emptyLabel, labelKey = 'label' } = props;
  return (
    <select
      value={props.value ?? ''}
      onChange={(e) => {
        const v = e.target.value;
        if (isIdOf(vocabulary, v)) props.onChange(v);
        else if (emptyLabel !== undefined) props.onChange(undefined);
      }}
    >
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {idsOf(vocabulary).map((id) => {
        const term = vocabulary[id] as Term & { short?: string };
        return (
          <option key={id} value={id} title={term.help}>
            {labelKey === 'short' ? (term.short ?? term.label) : term.label}
          </option>
        );
      })}
    </select>
  );
}
