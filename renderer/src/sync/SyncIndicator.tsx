import { chainLabel, etaText, fraction } from './format';
import { useSyncAction, useSyncStatus } from './queries';

/** Global sync state in the app frame: connection, overall progress, pause/resume. */
export function SyncIndicator() {
  const status = useSyncStatus();
  const actions = useSyncAction();
  if (!status.data) return null;
  const { chain, wallets, paused } = status.data;
  const busy = wallets.filter((w) => ['discovering', 'scanning', 'recording'].includes(w.phase));
  const fractions = busy.map(fraction).filter((f): f is number => f !== null);
  const overall = fractions.length > 0 ? fractions.reduce((a, b) => a + b, 0) / fractions.length : null;
  const eta = Math.max(0, ...busy.map((w) => w.etaMs ?? 0));
  const problem = chain.state === 'error' || chain.state === 'disconnected';
  return (
    <section
      className={`sync-indicator${problem ? ' is-problem' : ''}`}
      aria-label="Sync status"
      data-testid="sync-indicator"
      data-state={chain.state}
    >
      <div className="sync-line">
        <span className={`dot dot-${chain.state}`} aria-hidden="true" />
        <span>{chainLabel(chain)}</span>
      </div>
      {chain.message && (
        <p className="sync-message" title={chain.message}>
          {chain.message}
        </p>
      )}
      {busy.length > 0 && (
        <div className="sync-line">
          <progress className="sync-bar" max={1} value={overall ?? undefined} aria-label="Overall sync progress" />
          <span className="small muted">{overall !== null ? `${Math.floor(overall * 100)}%` : '…'}</span>
        </div>
      )}
      {busy.length > 0 && eta > 0 && <p className="small muted">{etaText(eta)}</p>}
      {wallets.length > 0 && (
        <div className="sync-line">
          {paused ? (
            <button type="button" className="link-button" onClick={() => void actions.start()}>
              Resume sync
            </button>
          ) : (
            <button type="button" className="link-button" onClick={() => void actions.pause()}>
              Pause sync
            </button>
          )}
        </div>
      )}
    </section>
  );
}
