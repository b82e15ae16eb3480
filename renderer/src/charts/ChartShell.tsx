import { useId, type ReactNode } from 'react';
import type { TooltipContentProps, TooltipValueType } from 'recharts';
import { usePrivacy } from '../app/privacy';

/** What recharts hands a chart's custom tooltip. */
export type TipProps = TooltipContentProps<TooltipValueType, string | number>;

/**
 * The frame every chart shares: a title, controls, the picture (or, in privacy mode, a note instead of
 * its shape and labels) and a text summary for screen readers.
 */
export function ChartShell(props: {
  title: string;
  titleLevel?: 2 | 3;
  help?: string;
  controls?: ReactNode;
  summary: string;
  legend?: ReactNode;
  /** Keep the legend in privacy mode (its values are masked); off where its labels reveal holdings. */
  legendInPrivacy?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  const hidden = usePrivacy();
  const titleId = useId();
  const summaryId = useId();
  const Heading = props.titleLevel === 3 ? 'h3' : 'h2';
  return (
    <figure className="chart" aria-labelledby={titleId} aria-describedby={summaryId} data-testid={props.testId}>
      <div className="chart-head">
        <Heading id={titleId} title={props.help}>
          {props.title}
        </Heading>
        {props.controls && <div className="chart-controls">{props.controls}</div>}
      </div>
      {hidden ? (
        <div className="chart-hidden" data-testid="chart-hidden">
          Chart hidden in privacy mode
        </div>
      ) : (
        <div className="chart-plot">{props.children}</div>
      )}
      {hidden && props.legendInPrivacy === false ? null : props.legend}
      <p id={summaryId} className="visually-hidden" data-testid="chart-summary">
        {hidden ? `${props.title}: hidden in privacy mode.` : props.summary}
      </p>
    </figure>
  );
}

/** A row of toggle buttons (range, bucket size): one pressed at a time. */
export function ChoiceButtons<T extends string>(props: {
  label: string;
  options: readonly T[];
  labelOf: (id: T) => string;
  helpOf?: (id: T) => string;
  value: T;
  onChange: (id: T) => void;
}) {
  return (
    <div className="choice-buttons" role="group" aria-label={props.label}>
      {props.options.map((id) => (
        <button
          key={id}
          type="button"
          aria-pressed={props.value === id}
          title={props.helpOf?.(id)}
          onClick={() => props.onChange(id)}
        >
          {props.labelOf(id)}
        </button>
      ))}
    </div>
  );
}
