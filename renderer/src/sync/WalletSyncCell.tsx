import type { WalletSyncStatus } from '../../../shared/api';
import { etaText, fraction, PHASE_LABEL } from './format';
import { useSyncAction } from './queries';

/** Per-wallet progress on the Wallets page: phase, a bar while recording history, problems. */
export function WalletSyncCell({ status }: { status: WalletSyncStatus | undefined }) {
  const actions = useSyncAction();
  if (!status) return <span className="muted small">—</span>;
  const f = fraction(status);
  const busy = ['discovering', 'scanning', 'recording'].includes(status.phase);
  return (
    <div className="wallet-sync" data-testid="wallet-sync" data-phase={status.phase}>
      <div className="sync-line">
        <span className="small">{PHASE_LABEL[status.phase]}</span>
        {status.cursor !== null && !busy && <span className="small muted">#{status.cursor.toLocaleString('en')}</span>}
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
      {status.error && (
        <p
          className={status.historyFrom !== null ? 'note small' : 'error small'}
          role={status.historyFrom !== null ? undefined : 'alert'}
        >
          {status.error}
        </p>
      )}
    </div>
  );
}
