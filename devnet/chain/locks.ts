/**
 * Conviction locks (spec ≥ 411; see docs/chain/locks.md). One lock per (coldkey, subnet), bound to a
 * hotkey: `Lock[(coldkey, netuid, hotkey)] = LockState{locked_mass, conviction, last_update}`. It
 * overlays the stake (the α stays in the share pool and earns emission) and caps what the coldkey
 * can take out of that subnet: available = Σ α over its hotkeys − locked_mass, rolled forward to now.
 * locked_mass decays as m·e^(−dt/UnlockRate) with no event; conviction matures as the integral of the
 * mass. The runtime also keeps per-hotkey and owner aggregates for subnet ownership; the devnet does
 * not model those (get_hotkey_conviction sums the coldkey locks instead).
 */
import type { Acc } from './accounts.js';
import type { ChainState } from './state.js';
import { ChangeLog } from './state-log.js';
import { expNegRatio } from './balancer.js';

export const LOCKS_SPEC = 411;
/** UnlockRate = MaturityRate default: 934,866 blocks (half-life ≈ 648k blocks ≈ 90 days). */
export const UNLOCK_RATE = 934_866n;
const ONE = 1n << 64n;
/** LOCK_STATE_ZERO_THRESHOLD: a lock below 100 α-rao and 100 conviction reads as none. */
const ZERO_THRESHOLD = 100n;

export interface LockState {
  lockedMass: bigint;
  /** U64F64 bits */
  conviction: bigint;
  lastUpdate: bigint;
}

/** roll_forward_lock with UnlockRate == MaturityRate (the chain's defaults). */
export function rollForward(l: LockState, now: bigint): LockState {
  if (now <= l.lastUpdate) return l;
  const dt = now - l.lastUpdate;
  const decay = expNegRatio(dt, UNLOCK_RATE);
  const lockedMass = (decay * l.lockedMass) >> 64n;
  const fromExisting = (decay * l.conviction) >> 64n;
  const fromMass = l.lockedMass * ((((dt << 64n) / UNLOCK_RATE) * decay) >> 64n);
  const rolled = { lockedMass, conviction: fromExisting + fromMass, lastUpdate: now };
  if (rolled.lockedMass < ZERO_THRESHOLD && rolled.conviction < ZERO_THRESHOLD * ONE) {
    return { lockedMass: 0n, conviction: 0n, lastUpdate: now };
  }
  return rolled;
}

export class LockBook {
  /** (coldkey|netuid) → the hotkey its lock is bound to, over time (undefined = no lock) */
  private readonly bound = new Map<string, ChangeLog<Acc>>();

  constructor(private readonly s: ChainState) {}

  private key(cold: Acc, netuid: number): string {
    return `${cold}|${netuid}`;
  }

  hotkeyOf(cold: Acc, netuid: number, b: number): Acc | undefined {
    return this.bound.get(this.key(cold, netuid))?.at(b);
  }

  /** The stored lock (as last written) and its hotkey at block b. */
  stored(cold: Acc, netuid: number, b: number): { hotkey: Acc; state: LockState } | undefined {
    const hotkey = this.hotkeyOf(cold, netuid, b);
    if (hotkey === undefined) return undefined;
    const state = this.s.getLog<LockState>('Lock', b, cold, netuid, hotkey);
    return state ? { hotkey, state } : undefined;
  }

  /** The lock rolled forward to block b (get_coldkey_lock). */
  rolled(cold: Acc, netuid: number, b: number): { hotkey: Acc; state: LockState } | undefined {
    const l = this.stored(cold, netuid, b);
    return l ? { hotkey: l.hotkey, state: rollForward(l.state, BigInt(b)) } : undefined;
  }

  lockedAt(cold: Acc, netuid: number, b: number): bigint {
    return this.rolled(cold, netuid, b)?.state.lockedMass ?? 0n;
  }

  /** Σ α of the coldkey over its staking hotkeys on the subnet (only those it ever held there can be non-zero). */
  totalOnSubnet(cold: Acc, netuid: number, b: number): bigint {
    let t = 0n;
    for (const hot of this.s.hotkeysOn(cold, netuid)) t += this.s.stake(hot, cold, netuid, b);
    return t;
  }

  /** α the coldkey can take out of the subnet now. */
  available(cold: Acc, netuid: number, b = this.s.cur): bigint {
    const total = this.totalOnSubnet(cold, netuid, b);
    const locked = this.lockedAt(cold, netuid, b);
    return total > locked ? total - locked : 0n;
  }

  private write(cold: Acc, netuid: number, hotkey: Acc | undefined, state: LockState | undefined): void {
    const k = this.key(cold, netuid);
    const old = this.hotkeyOf(cold, netuid, this.s.cur);
    if (old !== undefined && old !== hotkey) this.s.setLog('Lock', undefined, cold, netuid, old);
    if (hotkey !== undefined) this.s.setLog('Lock', state, cold, netuid, hotkey);
    let log = this.bound.get(k);
    if (!log) this.bound.set(k, (log = new ChangeLog()));
    if (log.at(this.s.cur) !== hotkey) log.set(this.s.cur, hotkey);
  }

  /** Why lock_stake would fail, or null. */
  checkLock(cold: Acc, hot: Acc, netuid: number, amount: bigint): string | null {
    if (amount <= 0n) return 'AmountTooLow';
    if (!this.s.owners.has(hot)) return 'HotKeyAccountNotExists';
    const cur = this.rolled(cold, netuid, this.s.cur);
    if (cur && cur.state.lockedMass + cur.state.conviction > 0n && cur.hotkey !== hot) return 'LockHotkeyMismatch';
    const mass = (cur?.state.lockedMass ?? 0n) + amount;
    return this.totalOnSubnet(cold, netuid, this.s.cur) >= mass ? null : 'InsufficientStakeForLock';
  }

  /** do_lock_stake: roll forward, add `amount`, save. */
  lock(cold: Acc, hot: Acc, netuid: number, amount: bigint): void {
    const now = BigInt(this.s.cur);
    const cur = this.rolled(cold, netuid, this.s.cur)?.state ?? { lockedMass: 0n, conviction: 0n, lastUpdate: now };
    this.write(cold, netuid, hot, { ...cur, lockedMass: cur.lockedMass + amount, lastUpdate: now });
  }

  /** do_move_lock: re-binds the lock; conviction resets when the hotkeys' owners differ. */
  moveLock(cold: Acc, dest: Acc, netuid: number): Acc | undefined {
    const cur = this.rolled(cold, netuid, this.s.cur);
    if (!cur) return undefined;
    const keep = this.s.owners.get(cur.hotkey) === this.s.owners.get(dest);
    this.write(cold, netuid, dest, { ...cur.state, conviction: keep ? cur.state.conviction : 0n });
    return cur.hotkey;
  }

  /** cleanup_lock_if_zero after a stake change: the rolled lock is saved (a zero lock is removed). */
  touch(cold: Acc, netuid: number): void {
    const cur = this.rolled(cold, netuid, this.s.cur);
    if (!cur) return;
    const zero = cur.state.lockedMass === 0n && cur.state.conviction === 0n;
    this.write(cold, netuid, zero ? undefined : cur.hotkey, zero ? undefined : cur.state);
  }

  /** force_reduce_lock: dust clearing takes the cleared α off the lock (conviction pro rata). */
  forceReduce(cold: Acc, netuid: number, amount: bigint): void {
    const cur = this.rolled(cold, netuid, this.s.cur);
    if (!cur || cur.state.lockedMass === 0n) return;
    const cut = amount > cur.state.lockedMass ? cur.state.lockedMass : amount;
    const conviction = cur.state.conviction - (cur.state.conviction * cut) / cur.state.lockedMass;
    this.write(cold, netuid, cur.hotkey, { ...cur.state, lockedMass: cur.state.lockedMass - cut, conviction });
  }

  /** A coldkey's lock moves to another coldkey (coldkey swap): same hotkey, same state. */
  moveToColdkey(from: Acc, to: Acc, netuid: number): void {
    const cur = this.rolled(from, netuid, this.s.cur);
    if (!cur) return;
    this.write(from, netuid, undefined, undefined);
    this.write(to, netuid, cur.hotkey, cur.state);
  }

  /** Re-binds a lock to another hotkey as it stands (a hotkey swap). */
  rebind(cold: Acc, netuid: number, hot: Acc): void {
    const cur = this.rolled(cold, netuid, this.s.cur);
    if (cur) this.write(cold, netuid, hot, cur.state);
  }

  /** Removes a lock (its subnet was dissolved). */
  drop(cold: Acc, netuid: number): void {
    this.write(cold, netuid, undefined, undefined);
  }

  /** Every (coldkey, netuid) with a lock bound to `hot` at block b. */
  locksOnHotkey(hot: Acc, b: number): { cold: Acc; netuid: number }[] {
    const out: { cold: Acc; netuid: number }[] = [];
    for (const [k, log] of this.bound) {
      if (log.at(b) !== hot) continue;
      const i = k.lastIndexOf('|');
      out.push({ cold: k.slice(0, i), netuid: Number(k.slice(i + 1)) });
    }
    return out;
  }

  /** Every (coldkey, netuid) that ever had a lock. */
  keys(): { cold: Acc; netuid: number }[] {
    return [...this.bound.keys()].map((k) => {
      const i = k.lastIndexOf('|');
      return { cold: k.slice(0, i), netuid: Number(k.slice(i + 1)) };
    });
  }

  truncateAfter(keep: number): void {
    for (const log of this.bound.values()) log.truncateAfter(keep);
  }
}
