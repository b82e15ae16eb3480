// Validator names (docs/chain/identities.md): a hotkey's owner coldkey is SubtensorModule.Owner,
// and a coldkey's on-chain identity is IdentitiesV2 (every runtime from 233 on; the older
// Identities, kept until 343, is the fallback). Both values start with the name (SCALE Bytes), so
// no registry is needed. Two storage reads at the head per refresh, whatever the hotkey count.
import { encodeAddress } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import { UNSAFE_TEXT } from '../../shared/api';
import type { IdentitiesRepo, ValidatorIdentityRow } from '../db/repos/identities';
import type { ChainReader } from './reader';
import { bytesText, keys } from './storage-keys';

/** Identities are read again once this many blocks (about a day of 12 s blocks) have passed. */
export const IDENTITY_EVERY = 7_200;
/** Longest name shown; a longer one is cut (names are free text set by the validator). */
export const NAME_MAX = 64;

/** A name fit to show: control and text-direction characters removed, trimmed, at most NAME_MAX. */
export function cleanName(raw: string | null): string | null {
  if (raw === null) return null;
  const unsafe = new RegExp(UNSAFE_TEXT.source, 'gu');
  const text = [...raw.replace(unsafe, '').trim()].slice(0, NAME_MAX).join('').trim();
  return text === '' ? null : text;
}

/** AccountId32 storage value → ss58 (generic prefix 42, as the app stores addresses). */
function accountOf(hex: string | null): string | null {
  if (!hex) return null;
  const u = hexToU8a(hex);
  if (u.length !== 32 || u.every((b) => b === 0)) return null;
  return encodeAddress(u, 42);
}

/** Owners and names of `hotkeys` at block `head`. */
export async function readIdentities(
  reader: ChainReader,
  hotkeys: readonly string[],
  head: number,
): Promise<ValidatorIdentityRow[]> {
  if (hotkeys.length === 0) return [];
  const owned = await reader.readBlock(head, hotkeys.map(keys.owner), false, 'validator owners');
  const owners = new Map(hotkeys.map((h) => [h, accountOf(owned.values.get(keys.owner(h)) ?? null)]));
  const colds = [...new Set([...owners.values()].filter((o): o is string => o !== null))];
  const named =
    colds.length === 0
      ? new Map<string, string | null>()
      : (
          await reader.readBlock(
            head,
            colds.flatMap((c) => [keys.identityV2(c), keys.identityV1(c)]),
            false,
            'validator identities',
          )
        ).values;
  const nameOf = (cold: string): string | null =>
    cleanName(
      bytesText(named.get(keys.identityV2(cold)) ?? null) ?? bytesText(named.get(keys.identityV1(cold)) ?? null),
    );
  return hotkeys.map((hotkey) => {
    const owner = owners.get(hotkey) ?? null;
    return { hotkey, owner, name: owner === null ? null : nameOf(owner), block: head };
  });
}

/**
 * Reads the identities of a coldkey's hotkeys that were never read or are a day old, and stores
 * them. Returns whether anything was written. Names are a convenience: the caller ignores failures.
 */
export async function refreshIdentities(
  reader: ChainReader,
  repo: IdentitiesRepo,
  hotkeys: readonly string[],
  head: number,
): Promise<boolean> {
  const due = repo.due([...new Set(hotkeys)].sort(), head - IDENTITY_EVERY);
  if (due.length === 0) return false;
  repo.save(await readIdentities(reader, due, head));
  return true;
}
