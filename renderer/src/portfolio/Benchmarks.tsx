import type { Benchmarks } from '../../../shared/engine';
import { Tao } from '../app/Amount';

/** The concentrated Alpha bet against holding TAO (the index of the network) and two other baselines. */
export function BenchmarkCard({ benchmarks }: { benchmarks: Benchmarks | null }) {
  if (!benchmarks) return null;
  const { holdTao, rootStake, subnetBasket } = benchmarks;
  return (
    <div className="card" aria-labelledby="bench-title">
      <h2 id="bench-title">Against holding TAO</h2>
      <p className="muted">The same TAO flows, had they stayed TAO. Excess = what the Alpha bets added or cost.</p>
      <dl className="stats">
        <div>
          <dt>Hold TAO would be</dt>
          <dd>
            <Tao rao={holdTao.benchmarkValue} />
          </dd>
        </div>
        <div>
          <dt>Excess vs Hold TAO</dt>
          <dd data-testid="bench-excess-holdTao">
            <Tao rao={holdTao.excess} sign />
          </dd>
        </div>
        <div>
          <dt>of which price</dt>
          <dd>
            <Tao rao={holdTao.priceEffect} sign />
          </dd>
        </div>
        <div>
          <dt>of which emissions</dt>
          <dd>
            <Tao rao={holdTao.emissionEffect} sign />
          </dd>
        </div>
        <div>
          <dt>of which friction</dt>
          <dd>
            <Tao rao={holdTao.frictionEffect} sign />
          </dd>
        </div>
        <div>
          <dt>Excess vs root stake</dt>
          <dd>
            {rootStake.available ? <Tao rao={rootStake.excess} sign /> : <span className="muted">not enough data</span>}
          </dd>
        </div>
        <div>
          <dt>Excess vs subnet basket</dt>
          <dd>
            {subnetBasket.available ? (
              <Tao rao={subnetBasket.excess} sign />
            ) : (
              <span className="muted">not enough data</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
