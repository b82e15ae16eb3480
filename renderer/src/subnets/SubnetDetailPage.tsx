import { useQuery } from '@tanstack/react-query';
import type { PortfolioView, SubnetView } from '../../../shared/views';
import { Alpha, Tao } from '../app/Amount';
import { shortAddress } from '../app/format';
import { Validator } from '../app/validators';
import { MetricHeader, MetricLabel } from '../app/MetricLabel';
import { INCOME_INSIDE_PNL, METRICS, type DisplayCurrency } from '../../../shared/vocab';
import { routeHref } from '../app/route';
import { QueryStates } from '../portfolio/PageStates';
import { portfolioQueries } from '../portfolio/queries';
import { usePortfolioFigures, type ViewChoice } from '../portfolio/view-choice';
import { FiguresToolbar } from '../portfolio/ViewControls';
import { dissolvedWhen, subnetTitle } from './columns';
import { SubnetMarketPanels, unitOf } from './SubnetMarketPanels';
import { Money, TAO_UNIT } from '../app/Money';
import { HoldTaoWorth } from '../portfolio/HoldTaoWorth';
import type { Amount, MoneyFigure } from '../../../shared/views';

/** One subnet: its price history with your trades, your positions per validator, income and health. */
export function SubnetDetailPage({ netuid }: { netuid: number }) {
  const figures = usePortfolioFigures();
  const { choice, portfolio, currency } = figures;
  const subnet = portfolio.data?.subnets.find((s) => s.netuid === netuid) ?? null;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          <a href={routeHref({ page: 'subnets' })} className="small">
            ← Subnets
          </a>
          <h1 id="page-title">
            {subnetTitle({ netuid, name: subnet?.name ?? null })}
            {subnet?.symbol && netuid !== 0 && <span className="symbol"> {subnet.symbol}</span>}
          </h1>
        </div>
      </header>
      <FiguresToolbar figures={figures} />
      <QueryStates
        query={portfolio}
        isEmpty={(v) => !v.subnets.some((s) => s.netuid === netuid)}
        empty={
          <>
            <p>No position on SN{netuid} in the recorded history.</p>
            <p className="muted">
              <a href={routeHref({ page: 'subnets' })}>Back to your subnets</a>
            </p>
          </>
        }
      >
        {(view) => (
          <SubnetBody
            view={view}
            subnet={view.subnets.find((s) => s.netuid === netuid)!}
            choice={choice}
            currency={currency.currency}
          />
        )}
      </QueryStates>
    </section>
  );
}

function SubnetBody({
  view,
  subnet,
  choice,
  currency,
}: {
  view: PortfolioView;
  subnet: SubnetView;
  choice: ViewChoice;
  currency: DisplayCurrency;
}) {
  // In fiat the cards and the decomposition come from this subnet's own query (the panels below
  // share it), in the display currency; in τ from the engine's figures directly.
  const detail = useQuery(portfolioQueries.subnet(subnet.netuid, { ...choice.args, currency }));
  const fiat = currency === 'fiat' && detail.data?.figures ? detail.data : null;
  const unit = fiat ? unitOf(fiat) : TAO_UNIT;
  const f: Record<MoneyFigure, Amount> = fiat?.figures?.figures ?? subnet.figures;
  const fiatByPosition = new Map((fiat?.positions ?? []).map((p) => [p.key, p]));
  const hold = fiat
    ? (fiat.figures?.benchmarks.find((b) => b.id === 'holdTao') ?? null)
    : (subnet.benchmarks?.holdTao ?? null);
  const positions = view.positions.filter((p) => p.netuid === subnet.netuid);
  // The figures are computed in τ; in fiat the help says they are shown converted (it said "in τ").
  const help = (text: string) => (fiat ? `${text} Shown in ${unit.code} at the as-of day’s TAO price.` : text);
  const successor = subnet.successor;
  return (
    <>
      {successor && (
        <p className="note" data-testid="dissolved-note">
          Your positions here were in {subnetTitle(subnet)}, since dissolved. From block{' '}
          {successor.registeredAt.toLocaleString()} netuid {subnet.netuid} is another subnet’s,{' '}
          {subnetTitle({ netuid: subnet.netuid, name: successor.name })}: the market figures below from then on are that
          subnet’s.
        </p>
      )}
      {subnet.dissolved && (
        <p className="note" data-testid="dissolved-note">
          {subnetTitle(subnet)} was dissolved {dissolvedWhen(subnet.dissolved)}. Your α here was paid out in TAO there
          (its realized PnL is below); the subnet has had no price or pool since.
        </p>
      )}
      <div className="card">
        <dl className="stats" aria-label={`SN${subnet.netuid} summary`}>
          <Stat label="Value" help={help('α held × spot price, in τ.')} testId="detail-value">
            <Money amount={f.spotValue} unit={unit} testId="detail-value-amount" />
          </Stat>
          <Stat label="α held" help="α staked on this subnet, all validators.">
            <Alpha amount={subnet.figures.alpha} netuid={subnet.netuid} symbol={subnet.symbol} />
          </Stat>
          <Stat label="Price" help="Spot price in τ per α at the as-of block." testId="detail-price">
            {subnet.price === null ? subnet.dissolved ? 'none: dissolved' : '—' : <Tao rao={subnet.price} />}
          </Stat>
          <Stat label="Cost basis" help={help('τ cost of the α still held, by the chosen method.')}>
            <Money amount={f.costBasis} unit={unit} />
          </Stat>
          <Stat label="Unrealized PnL" help={help('Value now − cost basis.')}>
            <Money amount={f.unrealized} unit={unit} sign />
          </Stat>
          <Stat label="Realized PnL" help={help('Proceeds of α sold − the cost basis removed with it.')}>
            <Money amount={f.realized} unit={unit} sign />
          </Stat>
          <Stat
            label={view.rewards === 'zero' ? `Emission income (${INCOME_INSIDE_PNL.label})` : 'Emission income'}
            help={help(
              `α emitted to you plus root claims, lease dividends and auto-staked miner incentive, in τ when received.${view.rewards === 'zero' ? ` ${INCOME_INSIDE_PNL.help}` : ''}`,
            )}
            testId="detail-income"
          >
            <Money amount={f.incomeTao} unit={unit} />
          </Stat>
          <Stat label="Total return" help={help('Value now + TAO out − TAO in, in τ.')}>
            <Money amount={f.totalReturn} unit={unit} sign />
          </Stat>
        </dl>
      </div>
      {hold && (
        <div className="card" aria-labelledby="bet-title">
          <h2 id="bet-title">This bet against holding TAO</h2>
          <p className="muted small">
            The same TAO flows into and out of SN{subnet.netuid}, had they stayed TAO,{' '}
            <HoldTaoWorth amount={hold.benchmarkValue} unit={unit} testId="subnet-hold-tao" />. The difference splits
            into three parts that add up exactly.
          </p>
          <dl className="equation" data-testid="decomposition">
            {EXCESS_TERMS.map((t, i) => (
              <div key={t.testId} className={t.total ? 'equation-total' : undefined}>
                <dt>
                  {i === 0 ? '' : t.total ? '= ' : '+ '}
                  <MetricLabel label={t.label} help={t.help} />
                </dt>
                <dd>
                  <Money amount={hold[t.figure]} unit={unit} sign testId={t.testId} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      <SubnetMarketPanels
        netuid={subnet.netuid}
        args={{ ...choice.args, currency }}
        symbol={subnet.symbol}
        holding={subnet.holding}
      />
      <div className="card">
        <h2>Positions by validator</h2>
        <p className="muted small" data-testid="positions-book-note">
          Cost basis and unrealized PnL per validator are shares of one cost-basis book per wallet on this subnet, split
          by α held: the α is the same asset whichever validator holds it. A row is not what that validator’s own
          purchases cost, and the rows add up to the wallet’s figures.
        </p>
        <div className="scroll-x">
          <table className="table wrap-heads" aria-label={`Positions on SN${subnet.netuid}`}>
            <thead>
              <tr>
                <th>Wallet</th>
                <th>Validator</th>
                <MetricHeader id="alpha" />
                <MetricHeader id="spotValue" label="Value" narrowSub="cost basis" />
                <MetricHeader id="costBasis" roomy />
                <MetricHeader id="unrealized" label="Unrealized" />
                <MetricHeader id="incomeTao" />
                <MetricHeader id="excess" label="vs Hold TAO" />
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => {
                const inFiat = fiatByPosition.get(p.key);
                const pf: Record<MoneyFigure, Amount> = inFiat?.figures ?? p.figures;
                // Its excess over holding TAO in the display currency too; '—' without benchmarks.
                const excess = inFiat ? inFiat.holdTao?.excess : p.benchmarks?.holdTao.excess;
                return (
                  <tr key={p.key} data-testid="hotkey-row">
                    <td>{p.walletLabel ?? shortAddress(p.coldkey)}</td>
                    <td>
                      <Validator hotkey={p.hotkey} />
                    </td>
                    <td className="num">
                      <Alpha amount={p.figures.alpha} netuid={p.netuid} symbol={subnet.symbol} />
                    </td>
                    <td className="num">
                      <Money amount={pf.spotValue} unit={unit} />
                      <div className="cell-sub narrow-only">
                        <Money amount={pf.costBasis} unit={unit} />
                      </div>
                    </td>
                    <td className="num col-roomy">
                      <Money amount={pf.costBasis} unit={unit} />
                    </td>
                    <td className="num">
                      <Money amount={pf.unrealized} unit={unit} sign />
                    </td>
                    <td className="num">
                      <Money amount={pf.incomeTao} unit={unit} />
                    </td>
                    <td className="num">
                      {excess === undefined ? '—' : <Money amount={excess} unit={unit} sign testId="position-excess" />}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}

/** The excess over holding TAO and the three parts it splits into (they add up exactly). */
const EXCESS_TERMS: readonly {
  figure: 'priceEffect' | 'emissionEffect' | 'frictionEffect' | 'excess';
  label: string;
  help: string;
  testId: string;
  total?: boolean;
}[] = [
  {
    figure: 'priceEffect',
    label: 'Price effect',
    help: 'Part of the excess from the α price moving against τ.',
    testId: 'decomp-price',
  },
  {
    figure: 'emissionEffect',
    label: 'Emission effect',
    help: 'Part of the excess from emission income: α emitted to you, root claims, lease dividends and auto-staked miner incentive.',
    testId: 'decomp-emission',
  },
  {
    figure: 'frictionEffect',
    label: 'Friction effect',
    help: 'Part of the excess lost to fees, slippage and burns (a share-pool reconcile counts its α at spot value).',
    testId: 'decomp-friction',
  },
  { figure: 'excess', label: 'Excess vs Hold TAO', help: METRICS.excess.help, testId: 'decomp-excess', total: true },
];

function Stat(props: { label: string; help: string; testId?: string; children: React.ReactNode }) {
  return (
    <div data-testid={props.testId}>
      <dt>
        <MetricLabel label={props.label} help={props.help} />
      </dt>
      <dd>{props.children}</dd>
    </div>
  );
}
