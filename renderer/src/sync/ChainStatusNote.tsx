import { restates } from '../app/said-once';
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
  // Said once: "Cannot reach ws://…", not "Cannot reach endpoint — Cannot reach ws://…".
  const alone = view.detail !== null && restates(view.label, view.detail);
  return (
    <p className={problem ? 'error' : 'note'} role={problem ? 'status' : undefined} data-testid="chain-status">
      {alone ? view.detail : view.label}
      {view.detail && !alone ? ` — ${view.detail}` : ''}
    </p>
  );
}
