import type { SyncStatus, WalletSyncStatus } from '../../../shared/api';
import { etaText, fraction } from './format';
import { useSyncAction } from './queries';
import { walletView } from './status';

/** Per-wallet progress on the Wallets page: a status that is true, a bar while recording history, problems. */
export function WalletSyncCell({
  status,
  sync,
}: {
  status: WalletSyncStatus | undefined;
  sync: SyncStatus | undefined;
}) {
  const actions = useSyncAction();
  if (!status || !sync) return <span className="muted small">—</span>;
  const view = walletView(status, sync);
  const f = fraction(status);
  const busy = view.tone === 'busy' && ['discovering', 'scanning', 'recording'].includes(status.phase);
  return (
    <div className="wallet-sync" data-testid="wallet-sync" data-phase={status.phase} data-tone={view.tone}>
      <div className="sync-line">
        <span className={`dot dot-tone-${view.tone}`} aria-hidden="true" />
        <span className="small">{view.label}</span>
      </div>
      {busy && (
        <>
          <progress
            className="sync-bar"
            max={1}
            value={f ?? undefined}
            aria-label={`Sync progress of ${status.address}`}
          />
          <span className="small muted">
            {status.total > 0
              ? `${status.done.toLocaleString('en')} / ${status.total.toLocaleString('en')} blocks`
              : 'scanning…'}{' '}
            {etaText(status.etaMs)}
          </span>
          <button type="button" className="link-button small" onClick={() => void actions.cancel(status.walletId)}>
            Cancel
          </button>
        </>
      )}
      {view.detail && view.tone !== 'problem' && <p className="small muted">{view.detail}</p>}
      {status.error && (
        <p
          className={status.historyFrom !== null ? 'note small' : 'error small'}
          role={status.historyFrom !== null ? undefined : 'alert'}
        >
          {status.error}
        </p>
      )}
      {view.tone === 'problem' && !status.error && view.detail && <p className="small muted">{view.detail}</p>}
    </div>
  );
}
