import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorNote } from '../app/ErrorNote';
import { formatDateTime, formatUnits, shortAddress } from '../app/format';
import { ExportMenu } from '../portfolio/ExportMenu';
import { walletQueries } from '../wallets/queries';
import { eventQueries } from './queries';

export function ActivityPage() {
  const [walletId, setWalletId] = useState<number | undefined>();
  const wallets = useQuery(walletQueries.list());
  const events = useQuery(eventQueries.list(walletId));
  const labels = new Map((wallets.data ?? []).map((w) => [w.address, w.label]));
  const list = events.data ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Activity</h1>
        <p className="muted">{list.length.toLocaleString('en-US')} recorded chain events</p>
      </header>
      <div className="toolbar">
        <label className="field">
          <span>Wallet</span>
          <select
            value={walletId ?? ''}
            onChange={(e) => setWalletId(e.target.value ? Number(e.target.value) : undefined)}
          >
            <option value="">All wallets</option>
            {(wallets.data ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <ExportMenu args={{}} />
      </div>
      <ErrorNote error={events.error} />
      <div className="card scroll-x">
        {list.length === 0 ? (
          <p className="muted empty">No events recorded yet. Sync fills this list from your node.</p>
        ) : (
          <table className="table compact" aria-label="Recorded events">
            <thead>
              <tr>
                <th>When</th>
                <th>Block</th>
                <th>Event</th>
                <th>Wallet</th>
                <th>Subnet</th>
                <th>Hotkey</th>
                <th className="num">TAO</th>
                <th className="num">α</th>
                <th className="num">Fee</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} data-testid="event-row">
                  <td>{formatDateTime(e.timestamp)}</td>
                  <td>
                    {e.blockNumber.toLocaleString('en-US')}
                    {e.extrinsicIndex !== null ? `-${e.extrinsicIndex}` : ''}
                  </td>
                  <td>{e.kind}</td>
                  <td>{labels.get(e.coldkey) ?? shortAddress(e.coldkey)}</td>
                  <td>
                    {e.netuid === null ? '' : `SN${e.netuid}`}
                    {e.destNetuid !== null && e.destNetuid !== e.netuid ? ` → SN${e.destNetuid}` : ''}
                  </td>
                  <td className="muted">{e.hotkey ? shortAddress(e.hotkey) : ''}</td>
                  <td className="num amount">{formatUnits(BigInt(e.tao))}</td>
                  <td className="num amount">{formatUnits(BigInt(e.alpha))}</td>
                  <td className="num amount">
                    {BigInt(e.fee) === 0n
                      ? ''
                      : `${formatUnits(BigInt(e.fee), 6)} ${e.feeUnit === 'alpha' ? 'α' : 'τ'}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
