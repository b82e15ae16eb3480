// The storage keys of a coldkey's fingerprint (docs/chain/change-discovery.md): what change discovery
// compares across each gap between known blocks, and reads at every block it visits.
import { accountNonce, keys, leUint } from './storage-keys';

type Pair = { hotkey: string; netuid: number };

/** A position's keys in the fingerprint: its shares in both maps, the 475 generation stamps and its lock. */
export const pairKeys = (coldkey: string, p: Pair): string[] => [
  keys.alpha(p.hotkey, coldkey, p.netuid),
  keys.alphaV2(p.hotkey, coldkey, p.netuid),
  // 475 generation stamps (absent before): checkpoints take α from these reads (stake-from-storage.ts).
  keys.alphaShareEpoch(p.hotkey, coldkey, p.netuid),
  keys.alphaSharePoolEpoch(p.hotkey, p.netuid),
  // Conviction locks (spec ≥ 411): absent on older runtimes, so they never differ there.
  keys.lock(coldkey, p.netuid, p.hotkey),
];

/**
 * The nonce (in the account), StakingHotkeys, every LastColdkeyHotkeyStakeBlock and every position's share, epoch and
 * lock keys; then `watched` (live following: the known hotkeys' shares on other subnets, CheckpointPairs.shareKeys).
 */
export function fingerprintKeys(
  coldkey: string,
  hotkeys: ReadonlySet<string>,
  positions: Iterable<Pair>,
  watched: readonly string[] = [],
): string[] {
  return [
    keys.account(coldkey),
    keys.stakingHotkeys(coldkey),
    ...[...hotkeys].sort().map((h) => keys.lastStakeBlock(coldkey, h)),
    ...[...positions]
      .sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : a.netuid - b.netuid))
      .flatMap((p) => pairKeys(coldkey, p)),
    ...watched,
  ];
}

/** The fingerprint's values in a read, in `keyList` order (the coldkey's account by its nonce only). */
export function fingerprintValues(
  coldkey: string,
  values: ReadonlyMap<string, string | null>,
  keyList: readonly string[],
): string[] {
  const account = keys.account(coldkey);
  return keyList.map((k) => {
    const v = values.get(k) ?? null;
    return k === account ? String(accountNonce(v)) : (v ?? '-');
  });
}

/** LastColdkeyHotkeyStakeBlock(coldkey, hotkey) in a read: the walk's next step (0 when absent). */
export function lastStakeIn(coldkey: string, values: ReadonlyMap<string, string | null>, hotkey: string): number {
  return Number(leUint(values.get(keys.lastStakeBlock(coldkey, hotkey)) ?? null, 8));
}
