import type { BasketsView } from '../../../shared/views';
import { BASKET_INCOME_TIMINGS } from '../../../shared/vocab';
import { Masked, Tao } from '../app/Amount';
import { FULL_DECIMALS, formatUnits } from '../app/format';
import { Validator } from '../app/validators';

/**
 * "Root & baskets": the wallets' shares of validator funds (runtimes 441+, docs/chain/baskets.md), one
 * row per (wallet, validator), beside the subnet table. The portfolio is the table's total plus this one.
 */
export function RootBaskets({ baskets }: { baskets: BasketsView }) {
  if (baskets.positions.length === 0) return null;
  const t = baskets.total;
  return (
    <section className="card table-card" aria-labelledby="baskets-title" data-testid="root-baskets">
      <h2 id="baskets-title">Root &amp; baskets</h2>
      <p className="muted small">
        Shares of validator funds: root dividends accrue there as shares, claimed into root stake.{' '}
        {BASKET_INCOME_TIMINGS[baskets.timing].label}: {BASKET_INCOME_TIMINGS[baskets.timing].help}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Wallet</th>
            <th>Validator</th>
            <th className="num">Shares</th>
            <th className="num">Value (claim now)</th>
            <th className="num">Cost basis</th>
            <th className="num">Income</th>
            <th className="num">Realized</th>
            <th className="num">Unrealized</th>
            <th className="num">Total return</th>
          </tr>
        </thead>
        <tbody>
          {baskets.positions.map((p) => (
            <tr key={p.key} data-testid="basket-row" data-hotkey={p.hotkey} data-coldkey={p.coldkey}>
              <td>{p.walletLabel ?? p.coldkey.slice(0, 8)}</td>
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
                <Tao rao={p.figures.value} testId="basket-value" />
              </td>
              <td className="num">
                <Tao rao={p.figures.costBasis} />
              </td>
              <td className="num">
                <Tao rao={p.figures.income} testId="basket-income" />
              </td>
              <td className="num">
                <Tao rao={p.figures.realized} sign />
              </td>
              <td className="num">
                <Tao rao={p.figures.unrealized} sign />
              </td>
              <td className="num">
                <Tao rao={p.figures.totalReturn} sign />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="basket-total">
            <th colSpan={3}>Total</th>
            <td className="num">
              <Tao rao={t.value} testId="basket-total-value" />
            </td>
            <td className="num">
              <Tao rao={t.costBasis} />
            </td>
            <td className="num">
              <Tao rao={t.income} />
            </td>
            <td className="num">
              <Tao rao={t.realized} sign />
            </td>
            <td className="num">
              <Tao rao={t.unrealized} sign />
            </td>
            <td className="num">
              <Tao rao={t.totalReturn} sign />
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
