import { chainLabel } from './format';
import { useSyncStatus } from './queries';

/** Under the endpoint field: whether that endpoint is reachable and really finney. */
export function ChainStatusNote() {
  const status = useSyncStatus();
  const chain = status.data?.chain;
  // Idle with a message: why nothing connects yet (no endpoint chosen, no wallet).
  if (!chain || (chain.state === 'idle' && !chain.message)) return null;
  const problem = chain.state === 'error' || chain.state === 'disconnected';
  return (
    <p className={problem ? 'error' : 'note'} role={problem ? 'status' : undefined} data-testid="chain-status">
      {chainLabel(chain)}
      {chain.message ? ` — ${chain.message}` : ''}
    </p>
  );
}
