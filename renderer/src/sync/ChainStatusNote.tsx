import { useSyncStatus } from './queries';
import { connectionView } from './status';

/** Under the endpoint field: whether that endpoint is reachable and really finney (or why nothing connects). */
export function ChainStatusNote() {
  const status = useSyncStatus();
  if (!status.data) return null;
  const view = connectionView(status.data);
  // Idle without a reason says nothing useful here.
  if (view.tone === 'idle' && !view.detail) return null;
  const problem = view.tone === 'problem';
  return (
    <p className={problem ? 'error' : 'note'} role={problem ? 'status' : undefined} data-testid="chain-status">
      {view.label}
      {view.detail ? ` — ${view.detail}` : ''}
    </p>
  );
}
