import { describe, expect, it } from 'vitest';
import { AlphaPath } from './alpha-path';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 9, 1);

/** ∫ α dt over [from, to) of every step, none dropped (the reference). */
function integral(steps: readonly [number, bigint][], from: number, to: number): bigint {
  let sum = 0n;
  steps.forEach(([t, a], i) => {
    const start = Math.max(t, from);
    const end = Math.min(steps[i + 1]?.[0] ?? to, to);
    if (end > start) sum += a * BigInt(end - start);
  });
  return sum;
}

describe('AlphaPath: the α a position held over time', () => {
  it('is a step function from each change, 0 before the first', () => {
    const path = new AlphaPath(30 * DAY);
    path.note(T0 + 100, 5n);
    path.note(T0 + 200, 3n);
    expect(path.heldMs(T0 + 100, T0 + 300)).toBe(5n * 100n + 3n * 100n);
    expect(path.heldMs(T0, T0 + 300)).toBe(5n * 100n + 3n * 100n);
    // idle for two days: the last α, held all along
    expect(path.heldMs(T0 + DAY, T0 + 3 * DAY)).toBe(3n * BigInt(2 * DAY));
  });

  it('keeps the last α noted at one time (several legs of one entry)', () => {
    const path = new AlphaPath(30 * DAY);
    path.note(T0 + 100, 5n);
    path.note(T0 + 100, 7n);
    path.note(T0 + 110, 1n);
    expect(path.heldMs(T0 + 100, T0 + 120)).toBe(7n * 10n + 1n * 10n);
  });

  it('is exact from every midnight its window reaches and from its first change, over 100 days of changes', () => {
    const keep = 30 * DAY;
    const path = new AlphaPath(keep);
    const steps: [number, bigint][] = [];
    // 3,000 changes of irregular spacing (some days have none) and α (some zero)
    let t = T0 + 5_000;
    for (let i = 0; i < 3_000; i++) {
      t += 1 + ((i * 7_919) % 97) * 60_000;
      const alpha = BigInt((i * 104_729) % 1_000) * 1_000_000_000n;
      steps.push([t, alpha]);
      path.note(t, alpha);
    }
    const first = (steps[0] as [number, bigint])[0];
    const asOf = t + 3_600_000;
    const lastMidnight = Math.floor(t / DAY) * DAY;
    expect(lastMidnight - first).toBeGreaterThan(keep);
    for (let from = lastMidnight - keep; from <= lastMidnight; from += DAY)
      expect(path.heldMs(from, asOf)).toBe(integral(steps, from, asOf));

    const young = new AlphaPath(keep);
    for (const [ts, a] of steps.slice(0, 40)) young.note(ts, a);
    const end = (steps[39] as [number, bigint])[0];
    expect(young.heldMs(first, end)).toBe(integral(steps.slice(0, 40), first, end));
  });
});
