// The truth's events that name a position (every kind but SubnetLeaseDividendsDistributed, whose
// recipient's position is on the StakeAdded before it). No runtime imports: tests load it before the
// devnet's metadata is in place.
import type { Truth } from './truth';

export type TruthEvent = Truth['events'][number];
export type PositionEvent = TruthEvent & { hotkey: string; netuid: number };

export const namesPosition = (e: TruthEvent): e is PositionEvent => e.hotkey !== null && e.netuid !== null;
