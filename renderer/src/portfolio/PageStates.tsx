import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorNote } from '../app/ErrorNote';

/**
 * Loading, error and empty states that say what is true: computing (not "no data"), the backend's
 * error, or no recorded history yet (with what to do).
 */
export function QueryStates<T>(props: {
  query: UseQueryResult<T>;
  /** Something on the page is being computed anew (default: this query). */
  fetching?: boolean;
  isEmpty: (data: T) => boolean;
  empty: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  if (query.error) return <ErrorNote error={query.error} />;
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Computing figures from the local database…
      </p>
    );
  if (props.isEmpty(query.data)) return <div className="card empty">{props.empty}</div>;
  return (
    <>
      {(props.fetching ?? query.isFetching) && (
        <p className="muted small" role="status">
          Recomputing…
        </p>
      )}
      {props.children(query.data)}
    </>
  );
}
