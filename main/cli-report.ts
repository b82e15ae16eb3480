// `report` for the CLI: the same computation and export code as the app's Portfolio page.
import { formatTao } from '../shared/engine';
import { BENCHMARKS, benchmarkIds, costBasisMethods, exportFormats, rewardTreatments } from '../shared/vocab';
import {
  isShareRounding,
  SHARE_ROUNDING_ALPHA,
  type BasketsView,
  type ExportFormat,
  type PortfolioView,
  type UnexplainedView,
} from '../shared/views';
import type { Backend } from './backend';
import { ledgerFactsRepo } from './db/repos/ledger-facts';

export const REPORT_USAGE =
  'report [--json|--csv|--format pnl-json|pnl-csv|events-csv|koinly-csv|cointracker-csv] [--method acb|fifo|lifo|hifo] [--rewards income|zero] [--at BLOCK]';

export interface ReportFlags {
  json?: boolean;
  csv?: boolean;
  format?: string;
  method?: string;
  rewards?: string;
  at?: string;
}

export class ReportUsageError extends Error {}

/** A flag's value from its list, or a usage error that names the flag and the choices. */
function oneOf(flag: string, value: string, choices: readonly string[]): string {
  if (!choices.includes(value)) throw new ReportUsageError(`--${flag} takes ${choices.join(', ')}.`);
  return value;
}

function parseQuery(flags: ReportFlags): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (flags.method !== undefined) query.method = oneOf('method', flags.method, costBasisMethods);
  if (flags.rewards !== undefined) query.rewards = oneOf('rewards', flags.rewards, rewardTreatments);
  if (flags.at !== undefined) {
    if (!/^\d+$/.test(flags.at) || !Number.isSafeInteger(Number(flags.at)))
      throw new ReportUsageError('--at takes a block number.');
    query.asOfBlock = Number(flags.at);
  }
  return query;
}

function summary(view: PortfolioView): string {
  if (!view.hasData) return 'No stake history recorded yet: add a wallet and run `sync --once` first.';
  const f = view.total.figures;
  const row = (label: string, value: string) => `  ${label.padEnd(26)}${value.padStart(22)}`;
  const lines = [
    `Taofolio PnL as of block ${view.asOfBlock} (${new Date(view.asOfTimestamp).toISOString()}), method ${view.method.toUpperCase()}, rewards ${view.rewards}`,
    row('Spot value (TAO)', formatTao(f.spotValue)),
    row('Exit value (TAO)', formatTao(f.exitValue)),
    ...(view.total.holding.locked > 0n
      ? [
          row('Locked alpha (not sellable)', formatTao(view.total.holding.locked)),
          row('Locked value at spot (TAO)', formatTao(view.total.holding.lockedValue)),
        ]
      : []),
    row('Cost basis (TAO)', formatTao(f.costBasis)),
    row('Realized PnL (TAO)', formatTao(f.realized)),
    row('Unrealized PnL (TAO)', formatTao(f.unrealized)),
    row('Emission income (TAO)', formatTao(f.incomeTao)),
    row('Emitted alpha', formatTao(f.alphaEmitted)),
    ...(f.alphaOpening > 0n
      ? [row('Opening balance (alpha)', formatTao(f.alphaOpening)), row('Opening value (TAO)', formatTao(f.openingTao))]
      : []),
    row('Friction (TAO)', formatTao(f.friction)),
    row('Total return (TAO)', formatTao(f.totalReturn)),
  ];
  lines.push(...benchmarkLines(view));
  lines.push(
    '',
    `  ${'Subnet'.padEnd(10)}${'held'.padStart(16)}${'value (TAO)'.padStart(23)}${'unrealized (TAO)'.padStart(24)}   (held: α; TAO on root)`,
  );
  for (const s of view.subnets) {
    const name = s.netuid === 0 ? 'SN0 root' : `SN${s.netuid}`;
    lines.push(
      `  ${name.padEnd(10)}${formatTao(s.figures.alpha).padStart(16)}${formatTao(s.figures.spotValue).padStart(23)}${formatTao(s.figures.unrealized).padStart(24)}`,
    );
  }
  lines.push(...fundLines(view.baskets));
  lines.push(...unexplainedLines(view.unexplained));
  return lines.join('\n');
}

/**
 * Every α change no rule explains, with the checkpoint that saw it (never income); the share pool's
 * rounding (a few α-rao each) folded into one line, as the Portfolio page does (`--json` lists all).
 */
export function unexplainedLines(unexplained: readonly UnexplainedView[]): string[] {
  if (unexplained.length === 0) return [];
  const net = (us: readonly UnexplainedView[]) => formatTao(us.reduce((sum, u) => sum + u.alpha, 0n));
  const lines = ['', `  Unexplained alpha changes: ${unexplained.length}, net ${net(unexplained)} alpha (not income)`];
  for (const u of unexplained.filter((x) => !isShareRounding(x)))
    lines.push(
      `  block ${u.block} (${u.fromBlock === null ? 'first checkpoint' : `after ${u.fromBlock}`})  SN${u.netuid}  ${u.hotkey}  ${formatTao(u.alpha)} alpha  ${u.coldkey}`,
    );
  const rounding = unexplained.filter(isShareRounding);
  const share = `of at most ${SHARE_ROUNDING_ALPHA} alpha-rao (the share pool's rounding)`;
  if (rounding.length === unexplained.length) lines.push(`  each ${share}`);
  else if (rounding.length > 0)
    lines.push(
      `  and ${rounding.length} change${rounding.length === 1 ? '' : 's'} each ${share}, net ${net(rounding)} alpha`,
    );
  return lines;
}

/**
 * The same TAO flows in every benchmark the vocabulary lists (one list: a new benchmark shows here too),
 * with the bet's excess over it; unavailable ones are named, partial ones marked.
 */
export function benchmarkLines(view: PortfolioView): string[] {
  const all = view.total.benchmarks;
  if (!all) return [];
  // The widest label sets the column, so a longer benchmark name does not push its figures out of line.
  const width = Math.max(...benchmarkIds.map((id) => BENCHMARKS[id].label.length)) + 2;
  const lines = [
    '',
    `  ${'Same TAO flows in'.padEnd(width)}${'value (TAO)'.padStart(20)}${'excess (TAO)'.padStart(20)}`,
  ];
  for (const id of benchmarkIds) {
    const b = all[id];
    const label = BENCHMARKS[id].label;
    lines.push(
      b.available
        ? `  ${label.padEnd(width)}${formatTao(b.benchmarkValue).padStart(20)}${formatTao(b.excess).padStart(20)}${b.complete ? '' : '  (partial data)'}`
        : `  ${label.padEnd(width)}${'not available'.padStart(20)}`,
    );
  }
  return lines;
}

/**
 * Basket positions (runtimes 441+): shares of a validator's fund, which the totals above already include,
 * listed so that the subnet rows and these add up to the spot value.
 */
export function fundLines(baskets: BasketsView): string[] {
  const held = baskets.positions.filter((p) => p.figures.shares > 0n || p.figures.taoIn > 0n);
  if (held.length === 0) return [];
  const lines = [
    '',
    `  ${'Validator fund'.padEnd(24)}${'value (TAO)'.padStart(20)}${'income (TAO)'.padStart(21)}${'total return (TAO)'.padStart(23)}  coldkey   (income ${baskets.timing === 'accrual' ? 'at accrual' : 'at claim'})`,
  ];
  for (const p of held) {
    const f = p.figures;
    lines.push(
      `  ${shortKey(p.hotkey).padEnd(24)}${formatTao(f.value).padStart(20)}${formatTao(f.income).padStart(21)}${formatTao(f.totalReturn).padStart(23)}  ${shortKey(p.coldkey)}`,
    );
  }
  const t = baskets.total;
  lines.push(
    `  ${'all funds'.padEnd(24)}${formatTao(t.value).padStart(20)}${formatTao(t.income).padStart(21)}${formatTao(t.totalReturn).padStart(23)}`,
  );
  return lines;
}

const shortKey = (ss58: string): string => `${ss58.slice(0, 8)}…${ss58.slice(-6)}`;

/** Returns what the command prints. */
export async function runReport(backend: Backend, flags: ReportFlags): Promise<string> {
  const query = parseQuery(flags);
  // A block after the last one recorded has no figures yet: the report would be headed with it and
  // show the last block's figures.
  const head = ledgerFactsRepo(backend.db).head()?.block;
  if (typeof query.asOfBlock === 'number' && head !== undefined && query.asOfBlock > head)
    throw new ReportUsageError(
      `--at ${query.asOfBlock} is after the last block synced (${head}): run \`sync --once\` first, or give a block up to ${head}.`,
    );
  // --json and --csv are short for a --format; asked for two different outputs (or --format ""),
  // the command says so rather than picking one.
  const asked = new Set<string>([
    ...(flags.format !== undefined ? [oneOf('format', flags.format, exportFormats)] : []),
    ...(flags.json ? ['pnl-json'] : []),
    ...(flags.csv ? ['pnl-csv'] : []),
  ]);
  if (asked.size > 1)
    throw new ReportUsageError(
      `--json, --csv and --format ask for different outputs (${[...asked].join(', ')}): give one.`,
    );
  const format = (asked.values().next().value ?? null) as ExportFormat | null;
  if (format) return (await backend.call('reports:export', { ...query, format })).content;
  return summary(await backend.call('portfolio:get', query));
}
