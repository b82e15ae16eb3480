import { isShareRounding, SHARE_ROUNDING_ALPHA, type AnalyticsView, type PortfolioView } from '../../../shared/views';
import { METRICS } from '../../../shared/vocab';
import { Alpha, Tao } from '../app/Amount';
import { shortAddress } from '../app/format';
import { MetricLabel } from '../app/MetricLabel';
import { Money, type Unit } from '../app/Money';

/**
 * Every α change at a checkpoint that no event, emission or known silent change explains, with the
 * block that saw it (docs/chain/reconciliation.md). Never income; listed so nothing changes silently.
 */
export function UnexplainedCard({
  view,
  analytics,
  unit,
}: {
  view: PortfolioView;
  /** In fiat: each change's value then, at its checkpoint's day's price (`analytics.unexplained`). */
  analytics?: Pick<AnalyticsView, 'unexplained'>;
  unit?: Unit;
}) {
  const fiat = unit?.currency === 'fiat' && analytics ? { unit, values: analytics.unexplained } : null;
  const listed = view.unexplained.flatMap((u, i) => (isShareRounding(u) ? [] : [{ ...u, index: i }]));
  const rounding = view.unexplained.filter(isShareRounding);
  if (view.unexplained.length === 0) return null;
  const roundingNet = rounding.reduce((s, u) => s + u.alpha, 0n);
  return (
    <section className="card" aria-labelledby="unexplained-title" data-testid="unexplained">
      <h2 id="unexplained-title">
        <MetricLabel label={METRICS.unexplainedChange.label} help={METRICS.unexplainedChange.help} />
      </h2>
      <p className="muted small">
        Changes the chain made to your α that Taofolio cannot explain. They are not counted as income: an increase is
        held at no cost, a decrease leaves with its cost.
        {fiat && listed.length > 0 && (
          <span data-testid="unexplained-fiat-note">
            {' '}
            Each value then is in {fiat.unit.code} at TAO’s price on the day of the checkpoint that saw it.
          </span>
        )}
      </p>
      {listed.length > 0 && (
        <table className="table" aria-label="Unexplained α changes">
          <thead>
            <tr>
              <th>Block</th>
              <th>Wallet</th>
              <th>Subnet</th>
              <th>Hotkey</th>
              <th className="num">α</th>
              <th className="num">Value then</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((u) => (
              <tr key={`${u.coldkey}|${u.hotkey}|${u.netuid}|${u.block}`} data-testid="unexplained-row">
                <td title={`Between block ${u.fromBlock ?? 'the start'} and block ${u.block}`}>
                  <span data-testid="unexplained-block">{u.block}</span>
                </td>
                <td title={u.coldkey}>{u.walletLabel ?? shortAddress(u.coldkey)}</td>
                <td data-testid="unexplained-netuid">SN{u.netuid}</td>
                <td title={u.hotkey} data-testid="unexplained-hotkey" data-hotkey={u.hotkey}>
                  {shortAddress(u.hotkey)}
                </td>
                <td className="num">
                  <Alpha amount={u.alpha} netuid={u.netuid} decimals={9} testId="unexplained-alpha-amount" />
                </td>
                <td className="num" data-testid="unexplained-value">
                  {fiat ? (
                    <Money amount={fiat.values[u.index] ?? null} unit={fiat.unit} sign />
                  ) : (
                    <Tao rao={u.tao} sign />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rounding.length > 0 && (
        <p className="muted small" data-testid="unexplained-rounding">
          {/* "And" only after a table of the others: alone, the line is the card's whole list. */}
          {listed.length > 0 ? 'And ' : ''}
          {rounding.length} change{rounding.length === 1 ? '' : 's'} of at most {SHARE_ROUNDING_ALPHA.toString()} α-rao
          each (the share pool’s rounding), net <Alpha amount={roundingNet} netuid={-1} decimals={9} />.
        </p>
      )}
    </section>
  );
}
