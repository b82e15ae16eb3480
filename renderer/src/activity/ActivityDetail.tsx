import { useQuery } from '@tanstack/react-query';
import type { ActivityRow } from '../../../shared/activity';
import { ACTIVITY_KINDS, CHAIN_EVENT_KINDS, LEG_BASES, LEG_CATEGORIES, ledgerFlagTerm } from '../../../shared/vocab';
import { Alpha as AlphaAmount, Tao as TaoAmount } from '../app/Amount';
import { unitFor } from '../app/currency';
import { Money } from '../app/Money';
import type { ActivityArgs } from './choices';
import { localDateTime, utcDateTime, utcMinute } from '../app/dates';
import { shortAddress } from '../app/format';
import { Validator } from '../app/validators';
import { activityQueries, PAGE_SIZE } from './queries';
import { FundDetail } from './FundDetail';
import { symbolOf, type Symbols } from './row-cells';
import { stateChangeText, subnetName, subnetsText } from './row-view';

const FULL = 9;

/** One entry in full: where on chain it came from (block hash, extrinsic, event indices) and every leg at full precision. */
export function ActivityDetail({
  args,
  index,
  labels,
  symbols,
  onClose,
}: {
  args: ActivityArgs;
  index: number;
  labels: ReadonlyMap<string, string>;
  symbols: Symbols;
  onClose: () => void;
}) {
  // The same page the table shows: already cached, no second request.
  const page = useQuery(activityQueries.page(args, Math.floor(index / PAGE_SIZE)));
  const row = page.data?.rows[index % PAGE_SIZE];
  return (
    <aside className="card activity-detail" aria-labelledby="activity-detail-title" data-testid="activity-detail">
      <header className="activity-detail-head">
        <h2 id="activity-detail-title">{row ? ACTIVITY_KINDS[row.kind].label : 'Entry'}</h2>
        <button type="button" onClick={onClose} aria-label="Close entry details">
          Close
        </button>
      </header>
      {row ? (
        <DetailBody row={row} labels={labels} symbols={symbols} fiatCode={page.data?.fiatCurrency} />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </aside>
  );
}

function DetailBody({
  row,
  labels,
  symbols,
  fiatCode,
}: {
  row: ActivityRow;
  labels: ReadonlyMap<string, string>;
  symbols: Symbols;
  fiatCode: string | undefined;
}) {
  /** A TAO amount's value at the entry's day's price, below it, when the list is in fiat. */
  const inFiat = (amount: bigint | null | undefined, testId: string) =>
    row.fiat &&
    fiatCode !== undefined && (
      <div className="small" data-testid={testId}>
        <Money amount={amount ?? null} unit={unitFor(fiatCode)} />
      </div>
    );
  return (
    <>
      <p className="muted small">{ACTIVITY_KINDS[row.kind].help}</p>
      <dl className="facts">
        <dt>When</dt>
        <dd>
          {utcDateTime(row.timestamp)}{' '}
          {/* Local time written as a date and time ("Dec 6, 2026, 07:40 PM local"), not the locale's
              default ("12/6/2026, 7:40:00 PM"). */}
          <span className="muted" data-testid="detail-local-time">
            ({localDateTime(row.timestamp)})
          </span>
        </dd>
        <dt>Block</dt>
        <dd data-testid="detail-block">#{row.blockNumber.toLocaleString('en')}</dd>
        <dt>Block hash</dt>
        <dd>
          <code className="address" data-testid="detail-hash">
            {row.blockHash ?? 'not recorded'}
          </code>
        </dd>
        <dt>Extrinsic</dt>
        <dd data-testid="detail-extrinsic">
          {row.extrinsicIndex === null ? 'none (runtime hook)' : `${row.blockNumber}-${row.extrinsicIndex}`}
        </dd>
        {/* Its chain event's runtime, else its block's; where neither is known, no line (not "Runtime —"). */}
        {row.specVersion > 0 && (
          <>
            <dt>Runtime</dt>
            <dd data-testid="detail-runtime">spec {row.specVersion}</dd>
          </>
        )}
        <dt>Subnets</dt>
        <dd>{subnetsText(row)}</dd>
      </dl>
      {row.flags.length > 0 && (
        <ul className="note small">
          {row.flags.map((f) => (
            <li key={f}>{ledgerFlagTerm(f).help}</li>
          ))}
        </ul>
      )}
      {row.fiat && fiatCode !== undefined && (
        <p className="muted small" data-testid="detail-fiat-note">
          {fiatCode} amounts are at TAO’s price on this entry’s day, {utcMinute(row.timestamp).slice(0, 10)} (UTC); “no
          price” where that day has none.
          {row.fund && row.fiat.fund?.lotBased && (
            <span data-testid="detail-fiat-realized-note">
              {' '}
              Its cost basis and realized are from what the shares cost in {fiatCode} on the days they were acquired (as
              in the PnL exports), not the τ amounts at that price; the portfolio’s {fiatCode} figures are its τ figures
              at the as-of day’s price.
            </span>
          )}
        </p>
      )}
      {row.fund && <FundDetail row={row} fund={row.fund} labels={labels} fiatCode={fiatCode} />}
      {row.legs.length > 0 && <h3>Legs</h3>}
      {row.legs.length > 0 && (
        // One block per leg, its amounts one to a line: six columns side by side were wider than the
        // pane (TAO, Fee and At spot only by scrolling sideways), more so with a USD line under each.
        <table className="table compact detail-legs" aria-label="Legs of this entry">
          {row.legs.map((l, i) => {
            // The leg's α amounts (its change, a fee in α) in its subnet's symbol, in full.
            const alpha = (amount: bigint) => (
              <AlphaAmount
                amount={amount}
                netuid={l.netuid}
                symbol={symbolOf(symbols, row, l.netuid)}
                decimals={FULL}
              />
            );
            return (
              <tbody key={i} data-testid="detail-leg">
                <tr className="leg-head">
                  <th colSpan={2} scope="colgroup">
                    <span title={l.coldkey}>{labels.get(l.coldkey) ?? shortAddress(l.coldkey)}</span> ·{' '}
                    {subnetName(l.netuid)}
                    {l.hotkey !== '' && (
                      <>
                        {' · '}
                        <Validator hotkey={l.hotkey} />
                      </>
                    )}
                  </th>
                </tr>
                <tr>
                  <th scope="row">α change</th>
                  <td className="num" data-testid="detail-alpha">
                    {alpha(l.alpha)}
                  </td>
                </tr>
                <tr>
                  <th scope="row">TAO</th>
                  <td className="num" data-testid="detail-tao">
                    <TaoAmount rao={l.tao} decimals={FULL} />
                    {inFiat(row.fiat?.tao[i], 'detail-fiat')}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Fee</th>
                  <td className="num" data-testid="detail-fee">
                    {l.fee === null ? (
                      'unknown'
                    ) : l.feeUnit === 'tao' ? (
                      <>
                        <TaoAmount rao={l.fee} decimals={FULL} />
                        {inFiat(row.fiat?.fee[i], 'detail-fee-fiat')}
                      </>
                    ) : (
                      alpha(l.fee)
                    )}
                  </td>
                </tr>
                <tr>
                  <th scope="row">At spot</th>
                  <td className="num" data-testid="detail-spot">
                    {l.spotTao === null ? (
                      '—'
                    ) : (
                      <>
                        <TaoAmount rao={l.spotTao} decimals={FULL} />
                        {inFiat(row.fiat?.spot[i], 'detail-spot-fiat')}
                      </>
                    )}
                  </td>
                </tr>
                <tr>
                  <th scope="row">Booked as</th>
                  <td className="booked" title={`${LEG_CATEGORIES[l.category].help} ${LEG_BASES[l.basis].help}`}>
                    {LEG_CATEGORIES[l.category].label} · {LEG_BASES[l.basis].label}
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      )}
      <h3>Chain events</h3>
      {row.sources.length === 0 ? (
        <p className="muted small">
          None: {stateChangeText(row)} read from the chain state of block #{row.blockNumber.toLocaleString('en')}.
        </p>
      ) : (
        <table className="table compact" aria-label="Chain events of this entry">
          <thead>
            <tr>
              <th>Event</th>
              <th className="num">Event index</th>
              <th className="num">Extrinsic</th>
            </tr>
          </thead>
          <tbody>
            {row.sources.map((s) => (
              <tr key={`${s.ref}-${s.eventIndex}`} data-testid="detail-source">
                <td title={CHAIN_EVENT_KINDS[s.kind].help}>{CHAIN_EVENT_KINDS[s.kind].label}</td>
                <td className="num">{s.eventIndex}</td>
                <td className="num">{s.extrinsicIndex ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
