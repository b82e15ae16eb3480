// The devnet's ground truth against the facts sync stored: both written as comparable lines, one
// per event or per-position silent effect, so a test can compare them whole.
import type { DB } from '../db/open';
import type { StakeEventDbRow } from '../db/repos/stake-events';
import type { SilentEffectRow } from '../db/repos/ledger-facts';
import type { Truth } from '../../devnet/truth';

/** The parts of the devnet's ground truth (devnet/truth.ts) the comparisons read; older captures lack specVersions. */
export type TruthLike = Pick<Truth, 'finalized' | 'events' | 'positions'> & Partial<Pick<Truth, 'specVersions'>>;

/** One comparable line: block|eventIndex|kind|coldkey|destColdkey|hotkey|netuid|destHotkey|destNetuid|tao|alpha|fee. */
const line = (...fields: unknown[]) => fields.map((f) => (f === null || f === undefined ? '' : String(f))).join('|');

type EffectDbRow = SilentEffectRow & { new_coldkey: string | null };

/**
 * Lines for the silent effects of the coldkey, in the truth's shape: one HotkeySwap per moved
 * position (its −α on the old hotkey paired with the +α on the new one), one ColdkeySwap per position
 * the old coldkey gave up (the new coldkey's arrivals mirror them and are not listed by the truth),
 * one DissolutionPayout and one BatchedFill per position.
 */
function effectLines(db: DB, coldkey: string): string[] {
  const effects = db
    .prepare(
      `SELECT e.*, s.counterparty_coldkey AS new_coldkey FROM silent_effects e
       LEFT JOIN stake_events s ON s.block_hash = e.block_hash AND s.event_index = e.event_index AND s.kind = 'ColdkeySwapped'
       WHERE e.coldkey = ? OR s.counterparty_coldkey = ? ORDER BY e.block_number, e.event_index`,
    )
    .all(coldkey, coldkey) as EffectDbRow[];
  const out: string[] = [];
  // The truth's line of an effect: no fee, no destination subnet.
  const add = (
    e: EffectDbRow,
    kind: string,
    to: { coldkey?: string | null; hotkey?: string | undefined },
    tao: unknown,
    alpha: bigint,
  ) =>
    out.push(
      line(
        e.block_number,
        e.event_index,
        kind,
        e.coldkey,
        to.coldkey,
        e.hotkey,
        e.netuid,
        to.hotkey,
        '',
        tao,
        alpha,
        0,
      ),
    );
  for (const e of effects) {
    switch (e.kind) {
      case 'HotkeySwapped': {
        if (e.alpha > 0n) break;
        const arrived = effects.find(
          (x) =>
            x.event_index === e.event_index &&
            x.block_number === e.block_number &&
            x.netuid === e.netuid &&
            x.alpha > 0n,
        );
        add(e, 'HotkeySwap', { hotkey: arrived?.hotkey }, 0, -e.alpha);
        break;
      }
      case 'ColdkeySwapped':
        if (e.alpha < 0n) add(e, 'ColdkeySwap', { coldkey: e.new_coldkey }, 0, -e.alpha);
        break;
      case 'NetworkRemoved':
        add(e, 'DissolutionPayout', {}, e.tao, -e.alpha);
        break;
      case 'OrderExecutedBatched':
        add(e, 'BatchedFill', {}, e.tao, e.alpha);
        break;
      case 'SharePoolDenominatorReconciled':
        add(e, 'ShareReconcile', {}, 0, e.alpha);
        break;
    }
  }
  return out;
}

/** Kinds recorded for the ledger that the truth writes as per-position silent entries instead. */
const NOT_IN_TRUTH = new Set(['RootClaimed', 'HotkeySwapped', 'HotkeySwappedOnSubnet']);
/** From 441 RootClaimed carries the claim's TAO and the truth lists it as an event (docs/chain/baskets.md). */
const BASKET_SPEC = 441;
const inTruth = (r: StakeEventDbRow) =>
  !NOT_IN_TRUTH.has(r.kind) || (r.kind === 'RootClaimed' && Number(r.spec_version) >= BASKET_SPEC);

/**
 * Stored facts of `coldkey` (stake events, RootClaimed replaced by its derived payouts, silent
 * effects) and the truth's events up to the finalized block, as comparable strings. A fee the chain
 * does not show is compared as '?': runtimes without the event fee field (spec < 257), the order fee
 * of a batched fill, and an alpha-paid fee (the truth writes 0, the row repeats the α fee).
 */
export function eventLines(db: DB, truth: TruthLike, coldkey: string): { stored: string[]; expected: string[] } {
  const rows = (
    db
      .prepare(
        `SELECT * FROM stake_events WHERE (coldkey = ? OR counterparty_coldkey = ?) ORDER BY block_number, event_index`,
      )
      .all(coldkey, coldkey) as StakeEventDbRow[]
  ).filter(inTruth);
  const payouts = db
    .prepare('SELECT * FROM root_claim_payouts WHERE coldkey = ? ORDER BY block_number, event_index, hotkey, netuid')
    .all(coldkey) as {
    block_number: bigint;
    event_index: bigint;
    mode: string;
    hotkey: string;
    netuid: bigint;
    tao: bigint;
    alpha: bigint;
  }[];
  const hiddenFee = (r: StakeEventDbRow) => r.fee_unit === null || r.kind === 'TransactionFeePaidWithAlpha';
  const truthKind = (r: StakeEventDbRow) => (r.kind === 'OrderExecutedBatched' ? 'OrderExecuted' : r.kind);
  const noFee = new Set(rows.filter(hiddenFee).map((r) => `${r.block_number}|${r.event_index}|${truthKind(r)}`));
  // BasketClaimed does not carry the fund shares it burned (the truth's alpha): compared as '?'.
  const hiddenAlpha = (r: StakeEventDbRow) => r.kind === 'BasketClaimed';
  const noAlpha = new Set(rows.filter(hiddenAlpha).map((r) => `${r.block_number}|${r.event_index}|${r.kind}`));
  const rowLine = (r: StakeEventDbRow) =>
    r.kind === 'ColdkeySwapped'
      ? line(
          r.block_number,
          r.event_index,
          'ColdkeySwapBalance',
          r.coldkey,
          r.counterparty_coldkey,
          r.coldkey,
          0,
          '',
          '',
          r.tao,
          0,
          0,
        )
      : line(
          r.block_number,
          r.event_index,
          truthKind(r),
          r.coldkey,
          r.counterparty_coldkey,
          r.hotkey,
          r.netuid,
          r.dest_hotkey,
          r.dest_netuid,
          r.tao,
          hiddenAlpha(r) ? '?' : r.alpha,
          hiddenFee(r) ? '?' : r.fee,
        );
  const stored = [
    ...rows.map(rowLine),
    ...payouts.map((p) =>
      line(
        p.block_number,
        p.event_index,
        p.mode === 'keep' ? 'RootClaimKeep' : 'RootClaimSwap',
        coldkey,
        '',
        p.hotkey,
        p.netuid,
        '',
        '',
        p.tao,
        p.alpha,
        0,
      ),
    ),
    ...effectLines(db, coldkey),
  ].sort();
  const expected = truth.events
    .filter((e) => e.block <= truth.finalized && (e.coldkey === coldkey || e.destColdkey === coldkey))
    .map((e) =>
      line(
        e.block,
        e.eventIndex,
        e.kind,
        e.coldkey,
        e.destColdkey,
        e.hotkey,
        e.netuid,
        e.destHotkey,
        e.destNetuid,
        e.tao,
        noAlpha.has(`${e.block}|${e.eventIndex}|${e.kind}`) ? '?' : e.alpha,
        noFee.has(`${e.block}|${e.eventIndex}|${e.kind}`) ? '?' : e.fee,
      ),
    )
    .sort();
  return { stored: withSwapTolerance(splitBefore411(stored, expected, truth), expected, truth), expected };
}

/**
 * RootClaimSwap TAO: the chain shows no amount before spec 411, so sync records the growth of the
 * root position (or the constant-product output when several subnets were claimed at once). The
 * truth holds the simulator's swap output, which can differ from that by one rao of share-pool
 * rounding. Stored lines within 1 rao of the expected line are reported as the expected line.
 */
function withSwapTolerance(stored: string[], expected: string[], truth: TruthLike): string[] {
  const byKey = new Map(expected.filter((l) => l.includes('|RootClaimSwap|')).map((l) => [swapKey(l), l]));
  return stored
    .map((line) => {
      // From 411 the amounts are the chain's own transfers: no tolerance.
      if (!line.includes('|RootClaimSwap|') || specAt(truth, Number(line.split('|')[0])) >= 411) return line;
      const match = byKey.get(swapKey(line));
      if (!match) return line;
      const diff = BigInt(line.split('|')[9]!) - BigInt(match.split('|')[9]!);
      return diff >= -1n && diff <= 1n ? match : line;
    })
    .sort();
}

/** The runtime spec of the truth's chain at `block` (0 when the truth does not say). */
const specAt = (truth: TruthLike, block: number) =>
  (truth.specVersions ?? []).filter((s) => s.from <= block).reduce((_, s) => s.spec, 0);

/**
 * Before spec 411 the chain shows only the total Swap TAO a hotkey's claims added to root stake, not
 * how it splits over several subnets claimed in one block (other coldkeys' claims move the pools in
 * between). Sync records the exact total and a reconstructed split; such a group of stored lines
 * counts as the truth's when the totals agree (within 1 rao of share rounding).
 */
function splitBefore411(stored: string[], expected: string[], truth: TruthLike): string[] {
  const groupOf = (line: string) => {
    const f = line.split('|');
    return f[2] === 'RootClaimSwap' && specAt(truth, Number(f[0])) < 411 ? `${f[0]}|${f[1]}|${f[5]}` : null;
  };
  const groups = (lines: string[]) => {
    const m = new Map<string, string[]>();
    for (const l of lines) {
      const g = groupOf(l);
      if (g) m.set(g, [...(m.get(g) ?? []), l]);
    }
    return m;
  };
  const want = groups(expected);
  const replaced = new Map<string, string[]>();
  for (const [g, lines] of groups(stored)) {
    const truthLines = want.get(g);
    if (!truthLines || truthLines.length !== lines.length || lines.length < 2) continue;
    const total = (ls: string[]) => ls.reduce((sum, l) => sum + BigInt(l.split('|')[9]!), 0n);
    const diff = total(lines) - total(truthLines);
    const keys = (ls: string[]) => ls.map(swapKey).sort().join('\n');
    if (diff >= -1n && diff <= 1n && keys(lines) === keys(truthLines)) replaced.set(g, truthLines);
  }
  const out = stored.filter((l) => !replaced.has(groupOf(l) ?? ''));
  for (const lines of replaced.values()) out.push(...lines);
  return out.sort();
}

/** A swap payout line without its TAO field (index 9). */
function swapKey(line: string): string {
  const parts = line.split('|');
  parts[9] = '';
  return parts.join('|');
}
