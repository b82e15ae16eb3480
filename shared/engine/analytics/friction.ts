/**
 * Friction split: fees, slippage and burns. The engine's friction figure is, per leg, the gap between
 * the spot value of the α at the pre-event price and the TAO paid or received, plus α-paid transaction
 * fees and the spot value of α burned (see ../pnl). This observer reads the same legs during the
 * replay and takes out of it:
 * - fees: the fee each leg carries (TAO fees as charged; α fees valued at the leg's own spot price,
 *   fee × spot value / α of the leg), and the TAO that α-paid transaction fees sent to the author;
 * - burned: the spot value of α recycled or burned.
 * Slippage is what is left: friction − fees − burned (price impact, and anything else the gap holds).
 * Legs whose friction is unknown (no spot price) or whose fee cannot be observed add nothing here,
 * as they add nothing to friction; the figures flag them.
 */
import type { LedgerLeg } from '../ledger';
import type { ReplayItem } from '../replay';
import type { PortfolioState, PositionAcc } from '../state';
import { absBig, floorDiv } from '../units';
import { AlphaPath } from './alpha-path';
import { YIELD_WINDOW_MS } from './positions';

export interface FrictionSplit {
  fees: bigint;
  slippage: bigint;
  burned: bigint;
}

/** TAO value of the fee of a trade or carry leg that friction measured (null: not part of friction). */
export function legFeeTao(leg: LedgerLeg): bigint | null {
  if (leg.spotTao === null || leg.fee === null) return null;
  if (leg.feeUnit === 'tao') return leg.fee;
  const alpha = absBig(leg.alpha);
  return alpha === 0n ? null : floorDiv(leg.fee * leg.spotTao, alpha);
}

/**
 * Reads the replay's ledger entries and checkpoints (hook it in as a replay observer): the fee and
 * burn parts of each position's friction, when each position was first seen, and the α it held over
 * the emission yield's window (./positions).
 */
export class PositionObserver {
  private readonly parts = new Map<PositionAcc, { fees: bigint; burned: bigint; firstSeen: number; held: AlphaPath }>();

  constructor(private readonly state: PortfolioState) {}

  private acc(coldkey: string, hotkey: string, netuid: number, ts: number) {
    const p = this.state.find(coldkey, hotkey, netuid);
    if (!p) return null;
    let acc = this.parts.get(p);
    if (!acc) {
      acc = { fees: 0n, burned: 0n, firstSeen: ts, held: new AlphaPath(YIELD_WINDOW_MS) };
      this.parts.set(p, acc);
    }
    // Called after the item was applied: the position's α from this moment on.
    acc.held.note(ts, p.alpha);
    return acc;
  }

  readonly after = (item: ReplayItem): void => {
    if (item.kind === 'checkpoint') {
      const c = item.checkpoint;
      this.acc(c.coldkey, c.hotkey, c.netuid, c.timestamp);
      return;
    }
    const e = item.entry;
    const n = e.legCount;
    const legs = n === 1 ? null : e.legs;
    for (let i = 0; i < n; i++) {
      const leg = legs ? (legs[i] as LedgerLeg) : e.firstLeg;
      const acc = this.acc(leg.coldkey, leg.hotkey, leg.netuid, e.timestamp);
      if (!acc) continue;
      if (leg.basis === 'trade' || leg.basis === 'carry') acc.fees += legFeeTao(leg) ?? 0n;
      else if (leg.basis === 'expense') {
        if (leg.category === 'burned') acc.burned += leg.spotTao ?? 0n;
        else acc.fees += leg.fee ?? 0n;
      }
    }
  };

  /** The split of a position's friction figure. */
  split(p: PositionAcc): FrictionSplit {
    const acc = this.parts.get(p) ?? { fees: 0n, burned: 0n };
    return { fees: acc.fees, burned: acc.burned, slippage: p.friction - acc.fees - acc.burned };
  }

  /** ms of the first entry or checkpoint of the position (null: never seen). */
  firstSeen(p: PositionAcc): number | null {
    return this.parts.get(p)?.firstSeen ?? null;
  }

  /**
   * The α the position held over [from, to), in α-rao × ms: `from` a UTC midnight of the yield window
   * (./positions) or a change time, `to` the as-of (./alpha-path `heldMs`).
   */
  alphaHeldMs(p: PositionAcc, from: number, to: number): bigint {
    return this.parts.get(p)?.held.heldMs(from, to) ?? 0n;
  }
}

export function addSplits(a: FrictionSplit, b: FrictionSplit): FrictionSplit {
  return { fees: a.fees + b.fees, slippage: a.slippage + b.slippage, burned: a.burned + b.burned };
}

export const NO_FRICTION: FrictionSplit = { fees: 0n, slippage: 0n, burned: 0n };
