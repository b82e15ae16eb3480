/**
 * The engine run the analytics need, in one replay: the figures, plus the daily series and the
 * friction/first-seen observer sampled while the events replay (no ledger kept, no second pass). The
 * series is finished once the benchmarks' units exist, so the chart lines reuse the cards' units.
 * Everything the cockpit shows is then derived from what this returns.
 */
import { createEngine, type Engine, type EngineSettings, type FactsDelta, type PortfolioInput } from '../index';
import type { BenchmarkSet } from '../benchmarks';
import { seriesRecorder, type Series, type SeriesRecorder } from '../timeseries';
import { PositionObserver } from './friction';

export interface AnalyticsComputation {
  engine: Engine;
  benchmarks: BenchmarkSet;
  /** Daily series (null when there is nothing recorded). */
  series: Series | null;
  observer: PositionObserver;
  /**
   * The incremental path (see `Engine.append`): the same computation with facts recorded after
   * everything it has folded, or null (nothing changed) when those facts need a new computation.
   */
  append(delta: FactsDelta): AnalyticsComputation | null;
}

export function computeWithAnalytics(input: PortfolioInput, settings: EngineSettings): AnalyticsComputation {
  const hooks: { recorder?: SeriesRecorder; observer?: PositionObserver } = {};
  const engine = createEngine(input, settings, {
    onReplay: (state) => {
      const recorder = seriesRecorder(state, { daily: true, rootIndex: input.rootIndex });
      const observer = new PositionObserver(state);
      Object.assign(hooks, { recorder, observer });
      return {
        before: recorder.before,
        after: (item) => {
          recorder.after(item);
          observer.after(item);
        },
        // Finished below, with the benchmarks' units.
        finish: () => ({ daily: [], perEvent: [], markers: [] }),
      };
    },
  });
  const { recorder, observer } = hooks as Required<typeof hooks>;
  let hasData = input.events.length > 0 || input.checkpoints.length > 0;
  const result = (): AnalyticsComputation => {
    const benchmarks = engine.benchmarks();
    return {
      engine,
      benchmarks,
      series: hasData ? engine.withBaskets(recorder.finish(benchmarks.units)) : null,
      observer,
      append(delta) {
        if (!engine.append(delta)) return null;
        hasData ||= delta.events.length > 0 || delta.checkpoints.length > 0;
        return result();
      },
    };
  };
  return result();
}
