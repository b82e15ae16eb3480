import type { ActivityFundView, ActivityRow } from '../../../shared/activity';
import { BASKET_RECORD_KINDS } from '../../../shared/vocab';
import { Tao as TaoAmount } from '../app/Amount';
import { unitFor } from '../app/currency';
import { Money } from '../app/Money';
import { Validator } from '../app/validators';
import { FundShares } from './FundShares';

const FULL = 9;

/**
 * A basket record in full (shared/engine/baskets.ts, docs/chain/baskets.md): the validator's fund, the
 * shares it added or gave up and its TAO, with what it booked (cost basis given up, realized, income).
 */
export function FundDetail({
  row,
  fund,
  labels,
  fiatCode,
}: {
  row: ActivityRow;
  fund: ActivityFundView;
  labels: ReadonlyMap<string, string>;
  fiatCode: string | undefined;
}) {
  const kind = BASKET_RECORD_KINDS[fund.record];
  const tao = (rao: bigint, testId?: string) => <TaoAmount rao={rao} decimals={FULL} testId={testId} />;
  /**
   * A TAO amount's value at the record's day's price, beside it, when the list is in fiat: "(0.02 USD)"
   * stays whole; a narrow pane breaks the line before it.
   */
  const inFiat = (amount: bigint | null | undefined) =>
    row.fiat?.fund &&
    fiatCode !== undefined && (
      <>
        {' '}
        <span className="small nowrap">
          (<Money amount={amount ?? null} unit={unitFor(fiatCode)} />)
        </span>
      </>
    );
  return (
    <>
      <h3>Fund shares</h3>
      <dl className="facts" data-testid="detail-fund">
        <dt>Record</dt>
        <dd title={kind.help}>{kind.label}</dd>
        <dt>Wallet</dt>
        <dd>{labels.get(fund.coldkey) ?? fund.coldkey}</dd>
        <dt>Validator’s fund</dt>
        <dd>
          <Validator hotkey={fund.hotkey} />
          <code className="address small block">{fund.hotkey}</code>
        </dd>
        <dt>Shares</dt>
        <dd data-testid="detail-fund-shares">
          <FundShares shares={fund.shares} decimals={FULL} />
        </dd>
        <dt>TAO</dt>
        <dd data-testid="detail-fund-tao">
          {tao(fund.tao)}
          {inFiat(row.fiat?.fund?.tao)}
        </dd>
        {fund.fee !== 0n && (
          <>
            <dt>Not added to the fund</dt>
            <dd data-testid="detail-fund-fee">
              {tao(fund.fee)}
              {inFiat(row.fiat?.fund?.fee)}
            </dd>
          </>
        )}
        {fund.basis !== 0n && (
          <>
            <dt>Cost basis given up</dt>
            <dd data-testid="detail-fund-basis">
              {tao(fund.basis)}
              {inFiat(row.fiat?.fund?.basis)}
            </dd>
          </>
        )}
        {fund.realized !== 0n && (
          <>
            <dt>Realized</dt>
            <dd data-testid="detail-fund-realized">
              {tao(fund.realized)}
              {inFiat(row.fiat?.fund?.realized)}
            </dd>
          </>
        )}
        {fund.income !== 0n && (
          <>
            <dt>Income</dt>
            <dd data-testid="detail-fund-income">
              {tao(fund.income)}
              {inFiat(row.fiat?.fund?.income)}
            </dd>
          </>
        )}
      </dl>
    </>
  );
}
