// Validator names from the chain's identities (cached by sync, docs/chain/identities.md): the pure
// helpers every screen uses to show a name in place of a raw hotkey, with the hotkey on hover.
import type { ValidatorIdentity } from '../../../shared/api';
import { shortAddress } from './format';

export type ValidatorNames = ReadonlyMap<string, string>;

/** hotkey → name, for the hotkeys whose owner has an on-chain identity. */
export function namesOf(identities: readonly ValidatorIdentity[]): ValidatorNames {
  const out = new Map<string, string>();
  for (const i of identities) if (i.name !== null) out.set(i.hotkey, i.name);
  return out;
}

/** The validator's name where the chain has one, else the shortened hotkey. */
export function validatorText(hotkey: string, names: ValidatorNames): string {
  return names.get(hotkey) ?? shortAddress(hotkey);
}

/** Hover text: the name and the full hotkey, or the hotkey alone. */
export function validatorTitle(hotkey: string, names: ValidatorNames): string {
  const name = names.get(hotkey);
  return name === undefined ? hotkey : `${name} · ${hotkey}`;
}
