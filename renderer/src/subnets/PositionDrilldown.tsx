import { useQuery } from '@tanstack/react-query';
import { formatDateTime, shortAddress } from '../app/format';
import { Alpha, Tao } from '../app/Amount';
import { ErrorNote } from '../app/ErrorNote';
import { portfolioQueries } from '../portfolio/queries';
import { LEDGER_KINDS, type CostBasisMethod, type RewardTreatment } from '../../../shared/vocab';

/** Which events and prices produced a position's figures. */
export function PositionDrilldown({
  positionKey,
  args,
}: {
  positionKey: string;
  args: { method?: CostBasisMethod; rewards?: RewardTreatment };
}) {
  const drill = useQuery(portfolioQueries.position(positionKey, args));
  if (drill.error) return <ErrorNote error={drill.error} />;
  if (!drill.data) return <p className="muted">Loading…</p>;
  const { position, entries } = drill.data;
  return (
    <div className="drilldown" aria-label={`Entries behind SN${position.netuid} via ${shortAddress(position.hotkey)}`}>
      <p className="muted small">
        Price used: {position.price === null ? 'none recorded' : <Tao rao={position.price} />} per α
        {position.priceBlock !== null && position.priceBlock >= 0
          ? ` (pool at block ${position.priceBlock.toLocaleString('en-US')})`
          : ''}
        . Emissions come from checkpoints of this position's α between events.
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th>When</th>
            <th>Block</th>
            <th>What</th>
            <th className="num">α</th>
            <th className="num">TAO</th>
            <th className="num">At spot</th>
            <th>Source events</th>
          </tr>
        </thead>
        <tbody>
          {entries.flatMap((e) =>
            e.legs
              .filter(
                (l) => l.hotkey === position.hotkey && l.netuid === position.netuid && l.coldkey === position.coldkey,
              )
              .map((l, i) => (
                <tr key={`${e.seq}-${i}`}>
                  <td>{formatDateTime(e.timestamp)}</td>
                  <td>{e.blockNumber.toLocaleString('en-US')}</td>
                  <td>
                    {LEDGER_KINDS[e.kind].label}
                    {e.flags.length > 0 && <span className="chip">{e.flags.join(', ')}</span>}
                  </td>
                  <td className="num">
                    <Alpha amount={l.alpha} netuid={l.netuid} />
                  </td>
                  <td className="num">
                    <Tao rao={l.tao} />
                  </td>
                  <td className="num">{l.spotTao === null ? '—' : <Tao rao={l.spotTao} />}</td>
                  <td className="muted small">{e.sources.join(' ')}</td>
                </tr>
              )),
          )}
        </tbody>
      </table>
    </div>
  );
}
