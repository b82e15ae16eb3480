import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import type { CostBasisMethod, RewardTreatment } from '../../../shared/api';
import type { Benchmarks, Figures } from '../../../shared/engine';
import { Tao } from '../app/Amount';
import { ErrorNote } from '../app/ErrorNote';
import { alpha, shortAddress } from '../app/format';
import { ViewControls } from '../portfolio/PortfolioPage';
import { portfolioQueries } from '../portfolio/queries';
import { PositionDrilldown } from './PositionDrilldown';

/** The value and PnL columns shared by subnet and position rows. */
function FigureCells({ figures: f, benchmarks }: { figures: Figures; benchmarks: Benchmarks | null }) {
  return (
    <>
      <td className="num">
        <Tao rao={f.spotValue} />
      </td>
      <td className="num">
        <Tao rao={f.exitValue} />
      </td>
      <td className="num">
        <Tao rao={f.costBasis} />
      </td>
      <td className="num">
        <Tao rao={f.unrealized} sign />
      </td>
      <td className="num">
        <Tao rao={f.realized} sign />
      </td>
      <td className="num amount">{alpha(f.alphaEmitted)}</td>
      <td className="num">{benchmarks ? <Tao rao={benchmarks.holdTao.excess} sign /> : '—'}</td>
    </>
  );
}

export function SubnetsPage() {
  const [method, setMethod] = useState<CostBasisMethod | undefined>();
  const [rewards, setRewards] = useState<RewardTreatment | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const args = { ...(method ? { method } : {}), ...(rewards ? { rewards } : {}) };
  const portfolio = useQuery(portfolioQueries.view(args));
  const view = portfolio.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Subnets</h1>
      </header>
      <ErrorNote error={portfolio.error} />
      {view && !view.hasData && (
        <div className="card empty">
          <p>No positions yet.</p>
          <p className="muted">Per-subnet positions appear once sync has recorded a wallet's stake history.</p>
        </div>
      )}
      {view?.hasData && (
        <>
          <div className="toolbar">
            <ViewControls method={method} rewards={rewards} onMethod={setMethod} onRewards={setRewards} />
          </div>
          <div className="card scroll-x">
            <table className="table" aria-label="Positions by subnet">
              <thead>
                <tr>
                  <th>Subnet</th>
                  <th className="num">α held</th>
                  <th className="num">Price</th>
                  <th className="num">Value</th>
                  <th className="num">Exit value</th>
                  <th className="num">Cost basis</th>
                  <th className="num">Unrealized</th>
                  <th className="num">Realized</th>
                  <th className="num">Emitted α</th>
                  <th className="num">vs Hold TAO</th>
                </tr>
              </thead>
              <tbody>
                {view.subnets.map((s) => {
                  const positions = view.positions.filter((p) => p.netuid === s.netuid);
                  return (
                    <Fragment key={s.netuid}>
                      <tr className="subnet-row" data-testid="subnet-row">
                        <td>
                          <strong>SN{s.netuid}</strong> {s.name && <span className="muted">{s.name}</span>}
                        </td>
                        <td className="num amount">{alpha(s.figures.alpha)}</td>
                        <td className="num">{s.price === null ? '—' : <Tao rao={s.price} />}</td>
                        <FigureCells figures={s.figures} benchmarks={s.benchmarks} />
                      </tr>
                      {positions.map((p) => (
                        <Fragment key={p.key}>
                          <tr className="position-row">
                            <td>
                              <button
                                type="button"
                                className="link"
                                aria-expanded={open === p.key}
                                onClick={() => setOpen(open === p.key ? null : p.key)}
                              >
                                {open === p.key ? '▾' : '▸'} {p.walletLabel ?? shortAddress(p.coldkey)} →{' '}
                                {shortAddress(p.hotkey)}
                              </button>
                            </td>
                            <td className="num amount">{alpha(p.figures.alpha)}</td>
                            <td className="num muted small">
                              {p.figures.avgEntryPrice === null ? (
                                ''
                              ) : (
                                <>
                                  avg entry <Tao rao={p.figures.avgEntryPrice} />
                                </>
                              )}
                            </td>
                            <FigureCells figures={p.figures} benchmarks={p.benchmarks} />
                          </tr>
                          {open === p.key && (
                            <tr>
                              <td colSpan={10}>
                                <PositionDrilldown positionKey={p.key} args={args} />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      ))}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
