// Synthetic System.Events for decoder tests, SCALE-encoded with a real finney runtime's metadata.
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { runtimeFor } from '../../devnet/scale/runtime';

export type Phase = number | 'initialization' | 'finalization';

export interface SyntheticEvent {
  phase: Phase;
  pallet: string;
  name: string;
  args: unknown[];
}

/** A SubtensorModule event in `phase` (a number: the extrinsic's index). */
export const subtensorEvent =
  (phase: Phase) =>
  (name: string, ...args: unknown[]): SyntheticEvent => ({ phase, pallet: 'SubtensorModule', name, args });

function phaseBytes(phase: Phase): Uint8Array {
  if (phase === 'finalization') return new Uint8Array([1]);
  if (phase === 'initialization') return new Uint8Array([2]);
  const b = new Uint8Array(5);
  new DataView(b.buffer).setUint32(1, phase, true);
  return b;
}

/** The System.Events storage value (hex) holding `events` in order, encoded for runtime `spec`. */
export function systemEventsHex(spec: number, events: readonly SyntheticEvent[]): string {
  const rt = runtimeFor(spec);
  const records = events.map((e) => {
    const body = rt.encodeEvent(e.pallet, e.name, e.args);
    if (!body) throw new Error(`runtime ${spec} has no event ${e.pallet}.${e.name}`);
    return u8aConcat(phaseBytes(e.phase), body, new Uint8Array([0]));
  });
  const count = rt.registry.createType('Compact<u32>', records.length).toU8a();
  return u8aToHex(u8aConcat(count, ...records));
}
