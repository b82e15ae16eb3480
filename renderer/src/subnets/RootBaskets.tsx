import { Fragment, useState } from 'react';
import type { BasketPositionView, BasketsView } from '../../../shared/views';
import { BASKET_INCOME_TIMINGS, BASKET_RECORD_KINDS } from '../../../shared/vocab';
import { Masked, Tao } from '../app/Amount';
import { IN_TAO, Money, valueIn, type ShownIn } from '../app/Money';
import { FULL_DECIMALS, formatUnits } from '../app/format';
import { MetricHeader } from '../app/MetricLabel';
import { Validator } from '../app/validators';

/**
 * "Root & baskets": the wallets' shares of validator funds (runtimes 441+, docs/chain/baskets.md), one
 * row per (wallet, validator), beside the subnet table. The portfolio is the table's total plus this one.
 */
export function RootBaskets({ baskets, shownIn = IN_TAO }: { baskets: BasketsView; shownIn?: ShownIn }) {
  const [open, setOpen] = useState<string | null>(null);
  if (baskets.positions.length === 0) return null;
  const t = baskets.total;
  // The table's figures in the display currency, at the as-of day's price as the subnet table's are.
  const money = (rao: bigint, sign = false, testId?: string) => (
    <Money amount={valueIn(rao, shownIn)} unit={shownIn.unit} sign={sign} {...(testId ? { testId } : {})} />
  );
  const fiat = shownIn.unit.currency === 'fiat';
  return (
    <section className="card table-card" aria-labelledby="baskets-title" data-testid="root-baskets">
      <h2 id="baskets-title">Root &amp; baskets</h2>
      <p className="muted small">
        Shares of validator funds: root dividends accrue there as shares, claimed into root stake.{' '}
        {BASKET_INCOME_TIMINGS[baskets.timing].label}: {BASKET_INCOME_TIMINGS[baskets.timing].help}
        {fiat && (
          <span data-testid="baskets-unit">
            {' '}
            Amounts in {shownIn.unit.code} at the as-of day’s TAO price; each position’s records stay in τ.
          </span>
        )}
      </p>
      <div className="scroll-x">
        <table className="table">
          <thead>
            <tr>
              <th>Wallet</th>
              <th>Validator</th>
              <MetricHeader id="fundShares" />
              <MetricHeader id="fundValue" />
              <MetricHeader id="fundCostBasis" />
              <MetricHeader id="fundIncome" />
              <MetricHeader id="fundRealized" />
              <MetricHeader id="fundUnrealized" />
              <MetricHeader id="fundTotalReturn" />
            </tr>
          </thead>
          <tbody>
            {baskets.positions.map((p) => (
              <Fragment key={p.key}>
                <tr data-testid="basket-row" data-hotkey={p.hotkey} data-coldkey={p.coldkey}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      aria-expanded={open === p.key}
                      onClick={() => setOpen(open === p.key ? null : p.key)}
                    >
                      {p.walletLabel ?? p.coldkey.slice(0, 8)}
                    </button>
                  </td>
                  <td>
                    <Validator hotkey={p.hotkey} />
                  </td>
                  <td className="num">
                    {/* one share is one rao of TAO value at the fund's first mint: shown in units of 1e9 */}
                    <Masked
                      text={formatUnits(p.figures.shares, 4)}
                      full={formatUnits(p.figures.shares, FULL_DECIMALS)}
                      tone={null}
                      testId="basket-shares"
                    />
                  </td>
                  <td className="num">{money(p.figures.value, false, 'basket-value')}</td>
                  <td className="num">{money(p.figures.costBasis)}</td>
                  <td className="num">{money(p.figures.income, false, 'basket-income')}</td>
                  <td className="num">{money(p.figures.realized, true)}</td>
                  <td className="num">{money(p.figures.unrealized, true)}</td>
                  <td className="num">{money(p.figures.totalReturn, true)}</td>
                </tr>
                {open === p.key && (
                  <tr>
                    <td colSpan={9}>
                      <BasketRecords position={p} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="basket-total">
              <th colSpan={3}>Total</th>
              <td className="num">{money(t.value, false, 'basket-total-value')}</td>
              <td className="num">{money(t.costBasis)}</td>
              <td className="num">{money(t.income)}</td>
              <td className="num">{money(t.realized, true)}</td>
              <td className="num">{money(t.unrealized, true)}</td>
              <td className="num">{money(t.totalReturn, true)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** A basket position's drill-down: what the engine booked, record by record. */
function BasketRecords({ position }: { position: BasketPositionView }) {
  return (
    <table className="table compact" data-testid="basket-records">
      <thead>
        <tr>
          <th>Block</th>
          <th>What</th>
          <th className="num">TAO</th>
          <th className="num">Shares</th>
          <th className="num">Income</th>
          <th className="num">Realized</th>
        </tr>
      </thead>
      <tbody>
        {position.records.map((r, i) => (
          <tr key={i} data-testid="basket-record" data-kind={r.kind}>
            <td>{r.blockNumber.toLocaleString('en-US')}</td>
            <td title={BASKET_RECORD_KINDS[r.kind].help}>{BASKET_RECORD_KINDS[r.kind].label}</td>
            <td className="num">
              <Tao rao={r.tao} />
            </td>
            <td className="num">
              <Masked text={formatUnits(r.shares, 4)} full={formatUnits(r.shares, FULL_DECIMALS)} tone={null} />
            </td>
            <td className="num">
              <Tao rao={r.income} />
            </td>
            <td className="num">
              <Tao rao={r.realized} sign />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
