import { Fragment, useState, type ReactNode } from 'react';
import type { BasketRecordInFiat } from '../../../shared/engine/basket-record-fiat';
import type { Amount, AnalyticsView, BasketPositionView, BasketsView } from '../../../shared/views';
import { BASKET_INCOME_TIMINGS, BASKET_RECORD_KINDS } from '../../../shared/vocab';
import { Masked } from '../app/Amount';
import { IN_TAO, Money, valueIn, type ShownIn } from '../app/Money';
import { FULL_DECIMALS, formatUnits } from '../app/format';
import { MetricHeader } from '../app/MetricLabel';
import { Validator } from '../app/validators';

/**
 * "Root & baskets": the wallets' shares of validator funds (runtimes 441+, docs/chain/baskets.md), one
 * row per (wallet, validator), beside the subnet table. The portfolio is the table's total plus this one.
 */
export function RootBaskets({
  baskets,
  shownIn = IN_TAO,
  recordsInFiat = null,
}: {
  baskets: BasketsView;
  shownIn?: ShownIn;
  /** In fiat: each position's records at their own day's price (the analytics view's `basketRecords`). */
  recordsInFiat?: AnalyticsView['basketRecords'];
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (baskets.positions.length === 0) return null;
  const t = baskets.total;
  const money = moneyIn(shownIn);
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
            Amounts in {shownIn.unit.code}. A position’s row is at the as-of day’s TAO price. Its records are at TAO’s
            price on each record’s own day (“no price” where that day has none); a record that gives shares up has its
            cost basis and realized from what those shares cost in {shownIn.unit.code} on the days they were acquired,
            as in Activity, so the records need not add up to the row. Realized and unrealized from each share’s own{' '}
            {shownIn.unit.code} cost (a tax return’s) are in the PnL CSV and JSON exports.
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
              <MetricHeader id="fundValue" narrowSub="cost basis" />
              <MetricHeader id="fundCostBasis" roomy />
              <MetricHeader id="fundIncome" />
              <MetricHeader id="fundRealized" roomy />
              <MetricHeader id="fundUnrealized" narrowSub="realized" />
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
                  <td className="num">
                    {money(p.figures.value, false, 'basket-value')}
                    <NarrowSub>{money(p.figures.costBasis)}</NarrowSub>
                  </td>
                  <td className="num col-roomy">{money(p.figures.costBasis)}</td>
                  <td className="num">{money(p.figures.income, false, 'basket-income')}</td>
                  <td className="num col-roomy">{money(p.figures.realized, true)}</td>
                  <td className="num">
                    {money(p.figures.unrealized, true)}
                    <NarrowSub>{money(p.figures.realized, true)}</NarrowSub>
                  </td>
                  <td className="num">{money(p.figures.totalReturn, true)}</td>
                </tr>
                {open === p.key && (
                  <tr>
                    <td colSpan={9}>
                      <BasketRecords
                        position={p}
                        shownIn={shownIn}
                        inFiat={fiat ? (recordsInFiat?.[p.key] ?? null) : null}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
          <tfoot>
            {/* A cell like the others (a th had the header's border and font): the totals row's top border spans. */}
            <tr className="totals-row" data-testid="basket-total">
              <td colSpan={3}>Total</td>
              <td className="num">
                {money(t.value, false, 'basket-total-value')}
                <NarrowSub>{money(t.costBasis)}</NarrowSub>
              </td>
              <td className="num col-roomy">{money(t.costBasis)}</td>
              <td className="num">{money(t.income)}</td>
              <td className="num col-roomy">{money(t.realized, true)}</td>
              <td className="num">
                {money(t.unrealized, true)}
                <NarrowSub>{money(t.realized, true)}</NarrowSub>
              </td>
              <td className="num">{money(t.totalReturn, true)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** A figure of a column hidden on a narrow window, shown there under its partner's (.narrow-only, sections.css). */
function NarrowSub({ children }: { children: ReactNode }) {
  return <div className="cell-sub narrow-only">{children}</div>;
}

/**
 * A τ figure in the display currency: at the as-of day's price (`shownIn.price`), as the subnet table's
 * figures; "no price" without one.
 */
function moneyIn(shownIn: ShownIn) {
  return function money(rao: bigint, sign = false, testId?: string) {
    return <Money amount={valueIn(rao, shownIn)} unit={shownIn.unit} sign={sign} {...(testId ? { testId } : {})} />;
  };
}

/**
 * A basket position's drill-down: what the engine booked, record by record. In fiat each record is a
 * historical one: its amounts at its own day's price, shares given up at their lot-based cost (`inFiat`,
 * shared/engine/basket-record-fiat.ts, as Activity shows the same record).
 */
function BasketRecords({
  position,
  shownIn,
  inFiat,
}: {
  position: BasketPositionView;
  shownIn: ShownIn;
  inFiat: readonly BasketRecordInFiat[] | null;
}) {
  const fiat = shownIn.unit.currency === 'fiat';
  // Only the records' own conversions, one per record; never the as-of price.
  const converted = inFiat !== null && inFiat.length === position.records.length ? inFiat : null;
  const money = (amount: Amount, sign: boolean, testId: string) => (
    <Money
      amount={amount}
      unit={shownIn.unit}
      sign={sign}
      testId={testId}
      {...(fiat && !converted ? { missing: '—' } : {})}
    />
  );
  return (
    <table className="table compact" data-testid="basket-records">
      <thead>
        <tr>
          <th>Block</th>
          <th>What</th>
          <th className="num">{fiat ? `TAO in ${shownIn.unit.code}` : 'TAO'}</th>
          <th className="num">Shares</th>
          <th className="num">Basis given up</th>
          <th className="num">Income</th>
          <th className="num">Realized</th>
        </tr>
      </thead>
      <tbody>
        {position.records.map((r, i) => {
          const f = converted?.[i];
          const shown = (k: 'tao' | 'basis' | 'income' | 'realized'): Amount => (fiat ? (f?.[k] ?? null) : r[k]);
          const lotTitle = f?.lotBased
            ? `From what these shares cost in ${shownIn.unit.code} on the days they were acquired`
            : undefined;
          return (
            <tr
              key={i}
              data-testid="basket-record"
              data-kind={r.kind}
              data-time={r.timestamp}
              {...(f?.lotBased ? { 'data-lot-based': '' } : {})}
            >
              <td>{r.blockNumber.toLocaleString('en-US')}</td>
              <td title={BASKET_RECORD_KINDS[r.kind].help}>{BASKET_RECORD_KINDS[r.kind].label}</td>
              <td className="num">{money(shown('tao'), false, 'basket-record-tao')}</td>
              <td className="num">
                <Masked text={formatUnits(r.shares, 4)} full={formatUnits(r.shares, FULL_DECIMALS)} tone={null} />
              </td>
              <td className="num" title={lotTitle}>
                {money(shown('basis'), false, 'basket-record-basis')}
              </td>
              <td className="num">{money(shown('income'), false, 'basket-record-income')}</td>
              <td className="num" title={lotTitle}>
                {money(shown('realized'), true, 'basket-record-realized')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
