import { useQuery } from '@tanstack/react-query';
import type { Amount, PositionView } from '../../../shared/views';
import { utcMinute } from '../app/dates';
import { shortAddress } from '../app/format';
import { Alpha, Tao } from '../app/Amount';
import { ErrorNote } from '../app/ErrorNote';
import { Money, type Unit } from '../app/Money';
import { portfolioQueries } from '../portfolio/queries';
import { dissolvedWhen } from './columns';
import { LEDGER_KINDS, ledgerFlagTerm, type CostBasisMethod, type RewardTreatment } from '../../../shared/vocab';

/**
 * Which events and prices produced a position's figures. In fiat each TAO amount has its value at its
 * entry's day's price below it, as Activity shows the same entries.
 */
export function PositionDrilldown({
  positionKey,
  args,
  fiat = false,
  symbol = null,
}: {
  positionKey: string;
  args: { method?: CostBasisMethod; rewards?: RewardTreatment };
  fiat?: boolean;
  /** The subnet's token symbol, as every other screen names its α (null: α). */
  symbol?: string | null;
}) {
  const drill = useQuery(portfolioQueries.position(positionKey, { ...args, ...(fiat ? { currency: 'fiat' } : {}) }));
  if (drill.error) return <ErrorNote error={drill.error} />;
  if (!drill.data) return <p className="muted">Loading…</p>;
  const { position, entries } = drill.data;
  const inFiat = drill.data.fiat;
  const perUnit = position.netuid === 0 ? 'τ' : symbol || 'α';
  const unit: Unit | null = inFiat ? { currency: 'fiat', code: inFiat.currency } : null;
  /** A TAO amount, with its value at the entry's day's price below it in fiat. */
  const taoCell = (rao: bigint, value: Amount | undefined, testId: string) => (
    <td className="num" data-testid={testId}>
      <Tao rao={rao} />
      {unit && (
        <div className="small" data-testid={`${testId}-fiat`}>
          <Money amount={value ?? null} unit={unit} />
        </div>
      )}
    </td>
  );
  return (
    <div className="drilldown" aria-label={`Entries behind SN${position.netuid} via ${shortAddress(position.hotkey)}`}>
      <p className="muted small">
        Price used: <PriceUsed position={position} perUnit={perUnit} />. Emissions come from checkpoints of this
        position's α between events.
        {inFiat && (
          <span data-testid="drilldown-fiat-note">
            {' '}
            Below each TAO amount, its value in {inFiat.currency} at TAO’s price on that entry’s day (“no price” where
            that day has none).
          </span>
        )}
      </p>
      <table className="table compact">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Block</th>
            <th>What</th>
            <th className="num">α</th>
            <th className="num">TAO</th>
            <th className="num">At spot</th>
            <th>Source events</th>
          </tr>
        </thead>
        <tbody>
          {entries.flatMap((e, ei) =>
            e.legs.flatMap((l, li) =>
              l.hotkey === position.hotkey && l.netuid === position.netuid && l.coldkey === position.coldkey
                ? [
                    <tr key={`${e.seq}-${li}`} data-testid="drilldown-leg" data-time={e.timestamp}>
                      <td>{utcMinute(e.timestamp)}</td>
                      <td>{e.blockNumber.toLocaleString('en-US')}</td>
                      <td>
                        {LEDGER_KINDS[e.kind].label}
                        {e.flags.length > 0 && (
                          <span className="chip" title={e.flags.map((f) => ledgerFlagTerm(f).help).join(' ')}>
                            {e.flags.map((f) => ledgerFlagTerm(f).label).join(', ')}
                          </span>
                        )}
                      </td>
                      <td className="num">
                        <Alpha amount={l.alpha} netuid={l.netuid} symbol={symbol} />
                      </td>
                      {taoCell(l.tao, inFiat?.legs[ei]?.[li]?.tao, 'drilldown-tao')}
                      {l.spotTao === null ? (
                        <td className="num">—</td>
                      ) : (
                        taoCell(l.spotTao, inFiat?.legs[ei]?.[li]?.spot, 'drilldown-spot')
                      )}
                      <td className="muted small">{e.sources.join(' ')}</td>
                    </tr>,
                  ]
                : [],
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The spot price behind the position's figures and its pool's block. A subnet since dissolved (or whose
 * netuid another subnet holds now) has none: its last snapshot's price is not a price now, said as the
 * Subnets table says it.
 */
function PriceUsed({ position, perUnit }: { position: PositionView; perUnit: string }) {
  if (position.dissolved)
    return (
      <span data-testid="drilldown-price-dissolved" title={`Dissolved ${dissolvedWhen(position.dissolved)}`}>
        none: dissolved {dissolvedWhen(position.dissolved)}, its {perUnit} paid out in TAO
      </span>
    );
  if (position.successor)
    return (
      <span data-testid="drilldown-price-dissolved">
        none: this subnet was dissolved; from block {position.successor.registeredAt.toLocaleString('en-US')} netuid{' '}
        {position.netuid} is another subnet’s, whose price is not this one’s
      </span>
    );
  if (position.price === null) return <>none recorded per {perUnit}</>;
  return (
    <>
      <Tao rao={position.price} /> per {perUnit}
      {position.priceBlock !== null && position.priceBlock >= 0
        ? ` (pool at block ${position.priceBlock.toLocaleString('en-US')})`
        : ''}
    </>
  );
}
