// The CLI's command line, on node:util parseArgs: global options, one option set per command, and
// `--help` for each (`taofolio sync --help`). Unknown options and missing values are usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { REPORT_USAGE } from './cli-report';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

const GLOBAL: Options = {
  'data-dir': { type: 'string' },
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

interface CommandSpec {
  usage: string;
  about: string;
  options: Options;
  /** How many words the command line takes, the command's own included (per subcommand where it has them). */
  words: number | Readonly<Record<string, number>>;
}

export const COMMANDS = {
  wallet: {
    usage: 'wallet add <address> [--label L] [--group G] | wallet list | wallet remove <id|address>',
    about: 'Manage the watched coldkeys (watch-only: an address, never a key).',
    options: { label: { type: 'string' }, group: { type: 'string' } },
    words: { add: 3, list: 2, remove: 3 },
  },
  sync: {
    usage: 'sync [--once]',
    about: 'Backfill every wallet to the finalized head; --once then exits, otherwise follows live (Ctrl-C stops).',
    options: { once: { type: 'boolean' } },
    words: 1,
  },
  status: { usage: 'status', about: 'Sync state per wallet and the chain connection.', options: {}, words: 1 },
  events: {
    usage: 'events [--wallet ID|ADDRESS] [--csv] [--limit N]',
    about: 'Stored stake events, oldest first (--json / --csv); --limit N lists the newest N, still oldest first.',
    options: { wallet: { type: 'string' }, csv: { type: 'boolean' }, limit: { type: 'string' } },
    words: 1,
  },
  report: {
    usage: REPORT_USAGE,
    about: 'PnL report computed offline from the stored facts.',
    options: {
      csv: { type: 'boolean' },
      format: { type: 'string' },
      method: { type: 'string' },
      rewards: { type: 'string' },
      at: { type: 'string' },
    },
    words: 1,
  },
  backup: {
    usage: 'backup list | backup create | backup restore <name>',
    about: 'Database backups (daily, before migrations, on request) and restoring one.',
    options: {},
    words: { list: 2, create: 2, restore: 3 },
  },
} satisfies Record<string, CommandSpec>;

export type Command = keyof typeof COMMANDS;

const EXIT_CODES =
  'Exit codes: 0 ok · 1 usage or invalid input · 2 chain problem (unreachable, wrong chain, malformed answers) · 3 internal error · 4 history incomplete (pruned node).';

export const USAGE = [
  'Usage: npm run cli -- [--data-dir DIR] [--endpoint URL] <command> [--json]',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  '',
  'Run `<command> --help` for one command.',
  EXIT_CODES,
].join('\n');

/**
 * A word past what the command takes (`wallet add ADDR Main`, `wallet remove 1 2`), or undefined: an
 * extra word is a mistake, never dropped. An unknown subcommand is left to the command to refuse.
 */
export function extraWord(command: Command, positionals: readonly string[]): string | undefined {
  const words: CommandSpec['words'] = COMMANDS[command].words;
  const taken = typeof words === 'number' ? words : words[positionals[1] ?? ''];
  return taken === undefined ? undefined : positionals[taken];
}

export function commandUsage(command: Command): string {
  const spec = COMMANDS[command];
  return [
    `Usage: npm run cli -- [--data-dir DIR] [--endpoint URL] ${spec.usage} [--json]`,
    '',
    spec.about,
    '',
    EXIT_CODES,
  ].join('\n');
}

export interface CommandLine {
  command: Command | null;
  help: boolean;
  positionals: string[];
  flags: Map<string, string | true>;
}

function isCommand(name: string | undefined): name is Command {
  return name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

export function parseCommandLine(argv: string[]): CommandLine {
  // First pass, lenient: find the command among the positionals.
  const all: Options = { ...GLOBAL };
  for (const spec of Object.values(COMMANDS)) Object.assign(all, spec.options);
  const loose = parseArgs({ args: argv, options: all, strict: false, allowPositionals: true });
  const name = loose.positionals[0];
  if (name !== undefined && !isCommand(name)) throw new UsageError(`Unknown command “${name}”.\n${USAGE}`);
  const options = name ? { ...GLOBAL, ...COMMANDS[name].options } : GLOBAL;
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${name ? commandUsage(name) : USAGE}`);
  }
  const flags = new Map<string, string | true>();
  for (const [key, value] of Object.entries(parsed.values)) {
    if (typeof value === 'string') flags.set(key, value);
    else if (value === true) flags.set(key, true);
  }
  return {
    command: name ?? null,
    help: flags.has('help'),
    positionals: parsed.positionals,
    flags,
  };
}
