import './sync.css';
import { useQuery } from '@tanstack/react-query';
import { etaText, fraction } from './format';
import { syncQueries, useSyncAction, useSyncStatus } from './queries';
import { connectionView, freshnessNote } from './status';

/** Global sync state in the app frame: connection (or pause), overall progress, price lag, pause/resume. */
export function SyncIndicator() {
  const status = useSyncStatus();
  const freshness = useQuery(syncQueries.freshness());
  const actions = useSyncAction();
  if (!status.data) return null;
  const { chain, wallets, paused } = status.data;
  const view = connectionView(status.data);
  const busy = paused ? [] : wallets.filter((w) => ['discovering', 'scanning', 'recording'].includes(w.phase));
  const fractions = busy.map(fraction).filter((f): f is number => f !== null);
  const overall = fractions.length > 0 ? fractions.reduce((a, b) => a + b, 0) / fractions.length : null;
  const eta = Math.max(0, ...busy.map((w) => w.etaMs ?? 0));
  const lag = freshnessNote(freshness.data, chain.bestFinalized);
  return (
    <section
      className={`sync-indicator${view.tone === 'problem' ? ' is-problem' : ''}`}
      aria-label="Sync status"
      data-testid="sync-indicator"
      data-state={chain.state}
      data-tone={view.tone}
    >
      <div className="sync-line">
        <span className={`dot dot-${view.tone === 'paused' ? 'paused' : chain.state}`} aria-hidden="true" />
        <span>{view.label}</span>
      </div>
      {view.detail && (
        <p className="sync-message" title={view.detail}>
          {view.detail}
        </p>
      )}
      {busy.length > 0 && (
        <div className="sync-line">
          <progress className="sync-bar" max={1} value={overall ?? undefined} aria-label="Overall sync progress" />
          <span className="small muted">{overall !== null ? `${Math.floor(overall * 100)}%` : '…'}</span>
        </div>
      )}
      {busy.length > 0 && eta > 0 && <p className="small muted">{etaText(eta)}</p>}
      {lag && (
        <p className="sync-message" data-testid="valuation-lag" title={lag}>
          {lag}
        </p>
      )}
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
