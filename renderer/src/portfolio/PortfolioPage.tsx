import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  COST_BASIS_METHODS,
  REWARD_TREATMENTS,
  type CostBasisMethod,
  type RewardTreatment,
} from '../../../shared/vocab';
import { VocabSelect } from '../app/VocabSelect';
import type { Figures } from '../../../shared/engine';
import { Tao } from '../app/Amount';
import { ErrorNote } from '../app/ErrorNote';
import { alpha, formatDateTime, pct } from '../app/format';
import { BenchmarkCard } from './Benchmarks';
import { ExportMenu } from './ExportMenu';
import { portfolioQueries } from './queries';
import { ValueChart } from './ValueChart';

export function SummaryStats({ f }: { f: Figures }) {
  return (
    <dl className="stats" aria-label="Portfolio summary">
      <div>
        <dt>Value (spot)</dt>
        <dd data-testid="spot-value">
          <Tao rao={f.spotValue} />
        </dd>
      </div>
      <div>
        <dt>Exit value</dt>
        <dd title="What selling everything now through the pools would return, after fees and slippage">
          <Tao rao={f.exitValue} />
        </dd>
      </div>
      <div>
        <dt>Cost basis</dt>
        <dd>
          <Tao rao={f.costBasis} />
        </dd>
      </div>
      <div>
        <dt>Unrealized PnL</dt>
        <dd>
          <Tao rao={f.unrealized} sign />
        </dd>
      </div>
      <div>
        <dt>Realized PnL</dt>
        <dd>
          <Tao rao={f.realized} sign />
        </dd>
      </div>
      <div>
        <dt>Emission income</dt>
        <dd>
          <Tao rao={f.incomeTao} /> <span className="muted small">{alpha(f.alphaEmitted)}</span>
        </dd>
      </div>
      <div>
        <dt>Total return</dt>
        <dd>
          <Tao rao={f.totalReturn} sign /> <span className="muted small">{pct(f.totalReturnPct)}</span>
        </dd>
      </div>
      <div>
        <dt>Friction (fees + slippage)</dt>
        <dd>
          <Tao rao={-f.friction} sign />
        </dd>
      </div>
    </dl>
  );
}

export function ViewControls(props: {
  method: CostBasisMethod | undefined;
  rewards: RewardTreatment | undefined;
  onMethod: (m: CostBasisMethod | undefined) => void;
  onRewards: (r: RewardTreatment | undefined) => void;
}) {
  return (
    <div className="controls">
      <label className="field">
        <span>Method</span>
        <VocabSelect
          vocabulary={COST_BASIS_METHODS}
          labelKey="short"
          emptyLabel="Settings default"
          value={props.method}
          onChange={props.onMethod}
        />
      </label>
      <label className="field">
        <span>Rewards</span>
        <VocabSelect
          vocabulary={REWARD_TREATMENTS}
          emptyLabel="Settings default"
          value={props.rewards}
          onChange={props.onRewards}
        />
      </label>
    </div>
  );
}

export function PortfolioPage() {
  const [method, setMethod] = useState<CostBasisMethod | undefined>();
  const [rewards, setRewards] = useState<RewardTreatment | undefined>();
  const args = { ...(method ? { method } : {}), ...(rewards ? { rewards } : {}) };
  const portfolio = useQuery(portfolioQueries.view(args));
  const view = portfolio.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Portfolio</h1>
        {view?.hasData && (
          <p className="muted">
            As of block {view.asOfBlock.toLocaleString('en-US')} · {formatDateTime(view.asOfTimestamp)} ·{' '}
            {COST_BASIS_METHODS[view.method].short}, {REWARD_TREATMENTS[view.rewards].short}
          </p>
        )}
      </header>
      <ErrorNote error={portfolio.error} />
      {portfolio.isPending && <p className="muted">Computing…</p>}
      {view && !view.hasData && (
        <div className="card empty">
          <p>No stake history yet.</p>
          <p className="muted">
            Add a coldkey on the Wallets page; figures appear as soon as sync has recorded its history.
          </p>
        </div>
      )}
      {view?.hasData && (
        <>
          <div className="toolbar">
            <ViewControls method={method} rewards={rewards} onMethod={setMethod} onRewards={setRewards} />
            <ExportMenu args={args} />
          </div>
          <div className="card">
            <SummaryStats f={view.total.figures} />
            {view.total.figures.alphaOpening > 0n && (
              <p className="note">
                Includes stake held before the recorded history (opening balance,{' '}
                {alpha(view.total.figures.alphaOpening)}), entered at the first recorded price (
                <Tao rao={view.total.figures.openingTao} />) rather than as income.
              </p>
            )}
            {view.total.figures.flags.missingPrice.length > 0 && (
              <p className="note">
                No pool price recorded for subnet(s) {view.total.figures.flags.missingPrice.join(', ')}: their value
                counts as 0.
              </p>
            )}
          </div>
          <div className="card">
            <h2>Value over time</h2>
            <ValueChart points={view.daily} />
          </div>
          <BenchmarkCard benchmarks={view.total.benchmarks} />
          {view.wallets.length > 1 && (
            <div className="card">
              <h2>By wallet</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>Wallet</th>
                    <th className="num">Value</th>
                    <th className="num">Cost basis</th>
                    <th className="num">Unrealized</th>
                    <th className="num">Realized</th>
                    <th className="num">Emissions</th>
                  </tr>
                </thead>
                <tbody>
                  {view.wallets.map((w) => (
                    <tr key={w.address}>
                      <td>{w.label ?? w.address}</td>
                      <td className="num">
                        <Tao rao={w.figures.spotValue} />
                      </td>
                      <td className="num">
                        <Tao rao={w.figures.costBasis} />
                      </td>
                      <td className="num">
                        <Tao rao={w.figures.unrealized} sign />
                      </td>
                      <td className="num">
                        <Tao rao={w.figures.realized} sign />
                      </td>
                      <td className="num">
                        <Tao rao={w.figures.incomeTao} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
