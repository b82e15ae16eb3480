import { useQuery } from '@tanstack/react-query';
import { ErrorNote } from '../app/ErrorNote';
import { useSyncStatus } from '../sync/queries';
import { AddWalletForm } from './AddWalletForm';
import { walletQueries } from './queries';
import { WalletRow } from './WalletRow';

export function WalletsPage() {
  const wallets = useQuery(walletQueries.list());
  const list = wallets.data ?? [];
  const sync = useSyncStatus();

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Wallets</h1>
        {wallets.data && (
          <p className="muted">{list.length === 1 ? '1 wallet watched' : `${list.length} wallets watched`}</p>
        )}
      </header>
      <AddWalletForm />
      <ErrorNote error={wallets.error} />
      <div className="card">
        {!wallets.data ? (
          // Never "No wallets yet" for a list that could not be read (e.g. the host is restarting).
          <p className="muted">{wallets.error ? 'Wallets will show once the backend answers again.' : 'Loading…'}</p>
        ) : list.length === 0 ? (
          <div className="empty">
            <p>No wallets yet.</p>
            <p className="muted">Add a coldkey above to start tracking its stake history.</p>
          </div>
        ) : (
          <table className="table wallets-table" aria-label="Watched wallets">
            <thead>
              <tr>
                <th>Label</th>
                <th>Address</th>
                <th>Added (UTC)</th>
                <th>Sync</th>
                <th className="actions">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((wallet) => (
                <WalletRow
                  key={wallet.id}
                  wallet={wallet}
                  sync={sync.data?.wallets.find((w) => w.walletId === wallet.id)}
                  syncAll={sync.data}
                  wallets={list}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
