// Folds per-(day, subnet) stake/unstake markers into one chart marker per day. The backend folds so
// the `portfolio:analytics` answer carries at most one marker a day (at 20 wallets and 100,000 events,
// 21,579 per-subnet markers became a few hundred day markers); the renderer only formats them.
import type { DayMarkerView, MarkerSideView, MarkerView } from './views-analytics';

/** How many subnets one day's marker names before saying how many more. */
export const MARKER_SUBNETS = 4;

/**
 * One marker per UTC day, each direction naming its subnets' amounts and event counts in input order
 * (the engine's is day, then netuid), the first MARKER_SUBNETS of them, plus how many more subnets.
 * Pure; days come out in first-seen order.
 */
export function foldMarkers(markers: readonly MarkerView[]): DayMarkerView[] {
  const byDay = new Map<number, DayMarkerView>();
  const add = (side: MarkerSideView | null, netuid: number, amount: MarkerView['staked'], count: number) => {
    const s = side ?? { parts: [], more: 0 };
    if (s.parts.length < MARKER_SUBNETS) s.parts.push({ netuid, amount, count });
    else s.more++;
    return s;
  };
  for (const m of markers) {
    if (m.stakes === 0 && m.unstakes === 0) continue;
    let day = byDay.get(m.t);
    if (!day) byDay.set(m.t, (day = { day: m.day, t: m.t, staked: null, unstaked: null }));
    if (m.stakes > 0) day.staked = add(day.staked, m.netuid, m.staked, m.stakes);
    if (m.unstakes > 0) day.unstaked = add(day.unstaked, m.netuid, m.unstaked, m.unstakes);
  }
  return [...byDay.values()];
}
