// Command-line front end: the same database and services as the app (through createBackend and
// dispatch), for scripting and for tests that must kill a real sync process.
//
//   npm run cli -- [--data-dir DIR] [--endpoint URL] <command> [--json]   (commands: main/cli-args.ts)
//
// Exit codes: 0 ok · 1 usage or invalid input · 2 chain problem (unreachable, wrong chain,
// malformed answers) · 3 internal error · 4 history incomplete (pruned node; tracking works).
import { ApiCallError, EVENTS_LIST_MAX, type StoredStakeEvent, type SyncStatus, type Wallet } from '../shared/api';
import { csvRow } from '../shared/csv';
import { createBackend, type Backend } from './backend';
import { DatabaseLockedError, WrongPassphraseError } from './db/encryption';
import { DatabaseFromFutureError } from './db/migrate';
import { DatabaseOpenError } from './db/open';
import { claimDataDir, currentWriter, DataDirInUseError, writerText, type WriterLock } from './db/writer-lock';
import { ChainError } from './chain/client';
import { parseSs58 } from './services/ss58';
import { commandUsage, extraWord, parseCommandLine, USAGE, UsageError, type Command } from './cli-args';
import { runBackup } from './cli-backup';
import { ReportUsageError, runReport } from './cli-report';
import { resolveDataDir } from './data-dir';
import { installLastResort } from './last-resort';
import { readPackageVersion } from './version';

function shortKey(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}

function formatEta(ms: number | null): string {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return s >= 60 ? ` ETA ${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : ` ETA ${s}s`;
}

function statusLines(status: SyncStatus): string[] {
  // No endpoint yet is said, not printed as "null".
  const endpoint = status.chain.endpoint ?? '(no endpoint chosen: pass --endpoint URL or set one in Settings)';
  const lines = [
    `chain: ${status.chain.state} ${endpoint}${status.chain.bestFinalized !== null ? ` (finalized #${status.chain.bestFinalized})` : ''}${status.chain.message ? ` — ${status.chain.message}` : ''}`,
  ];
  for (const w of status.wallets) {
    const progress = w.total > 0 ? ` ${w.done}/${w.total}` : '';
    lines.push(
      `${shortKey(w.address)} ${w.phase}${progress}${formatEta(w.etaMs)} cursor ${w.cursor ?? '-'}${w.error ? ` — ${w.error}` : ''}`,
    );
    if (w.movedTo)
      lines.push(
        `  its stake moved to ${w.movedTo.coldkey} at block ${w.movedTo.block} (coldkey swap): \`wallet add ${w.movedTo.coldkey}\` follows it`,
      );
  }
  return lines;
}

const CSV_COLUMNS: (keyof StoredStakeEvent)[] = [
  'blockNumber',
  'blockHash',
  'timestamp',
  'specVersion',
  'extrinsicIndex',
  'eventIndex',
  'kind',
  'coldkey',
  'counterpartyColdkey',
  'hotkey',
  'netuid',
  'destHotkey',
  'destNetuid',
  'tao',
  'alpha',
  'fee',
  'feeUnit',
];

async function resolveWallet(backend: Backend, ref: string): Promise<Wallet> {
  const wallets = await backend.call('wallets:list');
  // An address is matched as `wallet add` stored it: re-encoded with prefix 42, so the Polkadot or
  // Kusama form a wallet was added with finds it too.
  const parsed = parseSs58(ref);
  const address = parsed.ok ? parsed.address : ref.trim();
  const wallet = /^\d+$/.test(ref)
    ? wallets.find((w) => w.id === Number(ref))
    : wallets.find((w) => w.address === address);
  if (!wallet) throw new UsageError(`No wallet ${ref}. See \`wallet list\`.`);
  return wallet;
}

/**
 * What changes the data folder takes it for the command's length (one writer per folder:
 * main/db/writer-lock.ts), and is refused while another process (a `sync`, the web host, the desktop
 * app) holds it. The rest only read, which SQLite's WAL allows alongside that writer.
 */
const WRITERS = new Set(['sync', 'wallet add', 'wallet remove', 'backup create', 'backup restore']);

async function run(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  seams: CliSeams,
): Promise<number> {
  const { command, help, positionals, flags } = parseCommandLine(argv);
  const json = flags.has('json');
  const [, sub, arg] = positionals;
  if (!command) {
    out(USAGE);
    return help ? 0 : 1;
  }
  if (help) {
    out(commandUsage(command));
    return 0;
  }
  const extra = extraWord(command, positionals);
  if (extra !== undefined)
    throw new UsageError(
      `Unexpected “${extra}”${command === 'wallet' && sub === 'add' ? ' (a label is given with --label)' : ''}.\n\n${commandUsage(command)}`,
    );
  const endpoint = typeof flags.get('endpoint') === 'string' ? (flags.get('endpoint') as string) : undefined;
  const dataDirFlag = flags.get('data-dir');
  // An empty folder name is a mistake (an unset variable, say), not the current folder or a crash.
  if (typeof dataDirFlag === 'string' && dataDirFlag.trim() === '') throw new UsageError('--data-dir needs a folder.');
  const dataDir = resolveDataDir(typeof dataDirFlag === 'string' ? dataDirFlag : undefined);
  const once = flags.has('once');
  const writes = WRITERS.has(command) ? command : WRITERS.has(`${command} ${sub}`) ? `${command} ${sub}` : null;
  let lock: WriterLock | null = null;
  let writer: string | undefined;
  if (writes !== null) lock = claimDataDir(dataDir, `taofolio ${writes}`);
  else {
    const current = currentWriter(dataDir);
    if (current !== false) writer = writerText(current);
  }
  try {
    return await runCommand(command, { sub, arg, json, flags, dataDir, once, endpoint, writer }, out, err, seams);
  } finally {
    lock?.release();
  }
}

interface Given {
  sub: string | undefined;
  arg: string | undefined;
  json: boolean;
  flags: Map<string, string | true>;
  dataDir: string;
  once: boolean;
  endpoint: string | undefined;
  writer: string | undefined;
}

async function runCommand(
  command: Command,
  { sub, arg, json, flags, dataDir, once, endpoint, writer }: Given,
  out: (s: string) => void,
  err: (s: string) => void,
  seams: CliSeams,
): Promise<number> {
  const backend = createBackend({
    passphrase: process.env.TAOFOLIO_PASSPHRASE,
    dataDir,
    transport: 'web',
    version: readPackageVersion(),
    endpoint,
    reconnect: command === 'sync' && !once,
    writer,
    log: err,
    beforeCommit: seams.beforeCommit,
  });
  try {
    switch (command) {
      case 'wallet': {
        if (sub === 'add') {
          if (!arg) throw new UsageError('wallet add needs an address.');
          const label =
            typeof flags.get('label') === 'string'
              ? (flags.get('label') as string)
              : `Wallet ${arg.trim().slice(0, 6)}`;
          const group = typeof flags.get('group') === 'string' ? (flags.get('group') as string) : undefined;
          const added = await backend.call('wallets:add', { address: arg, label, group });
          out(
            json
              ? JSON.stringify(added)
              : `added #${added.wallet.id} ${added.wallet.address} “${added.wallet.label}”${added.normalisedFrom ? ` (normalised from ${added.normalisedFrom.address})` : ''}`,
          );
          return 0;
        }
        if (sub === 'list') {
          const wallets = await backend.call('wallets:list');
          if (json) out(JSON.stringify(wallets));
          else for (const w of wallets) out(`#${w.id} ${w.address} “${w.label}”${w.group ? ` [${w.group}]` : ''}`);
          return 0;
        }
        if (sub === 'remove') {
          if (!arg) throw new UsageError('wallet remove needs an id or address.');
          const wallet = await resolveWallet(backend, arg);
          const removed = await backend.call('wallets:remove', { id: wallet.id });
          out(json ? JSON.stringify(removed) : `removed #${removed.id}`);
          return 0;
        }
        throw new UsageError('wallet add|list|remove');
      }
      case 'status': {
        const status = await backend.call('sync:status');
        if (json) out(JSON.stringify(status));
        else for (const line of statusLines(status)) out(line);
        return 0;
      }
      case 'events': {
        // As in `report`: two outputs asked for is a mistake, not the JSON one picked silently.
        if (json && flags.has('csv')) throw new UsageError('--json and --csv ask for different outputs: give one.');
        const walletRef = flags.get('wallet');
        const walletId = typeof walletRef === 'string' ? (await resolveWallet(backend, walletRef)).id : undefined;
        const limitText = flags.get('limit');
        // Not 0, a fraction or text read as "no limit": a usage error, like any other bad value.
        if (typeof limitText === 'string' && !(/^[1-9]\d*$/.test(limitText) && Number(limitText) <= EVENTS_LIST_MAX))
          throw new UsageError(`--limit takes a whole number of events, 1 to ${EVENTS_LIST_MAX.toLocaleString('en')}.`);
        const limit = typeof limitText === 'string' ? Number(limitText) : undefined;
        const events = await backend.call('events:list', {
          ...(walletId ? { walletId } : {}),
          ...(limit ? { limit } : {}),
        });
        // Amounts as decimal strings: exact, and readable by any JSON parser.
        if (json) out(JSON.stringify(events, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
        else if (flags.has('csv')) {
          out(csvRow(CSV_COLUMNS));
          for (const e of events) out(csvRow(CSV_COLUMNS.map((c) => e[c])));
        } else {
          for (const e of events) {
            out(
              `#${e.blockNumber}-${e.eventIndex} ${e.kind} ${e.hotkey ? shortKey(e.hotkey) : '-'} sn${e.netuid ?? '-'} tao ${e.tao} alpha ${e.alpha} fee ${e.fee}${e.feeUnit ? ` ${e.feeUnit}` : ''}`,
            );
          }
        }
        return 0;
      }
      case 'sync': {
        let last = '';
        let lastChain = '';
        const stopProgress = backend.push.subscribe((event, payload) => {
          if (event !== 'sync:progress' || json) return;
          const status = payload as SyncStatus;
          const lines = statusLines(status);
          // The connection each time its state or message changes (why it dropped, when the next try
          // is); not for each new head, which the wallet lines' cursors show.
          const chain = `${status.chain.state} ${status.chain.message}`;
          if (chain !== lastChain) err(lines[0]!);
          lastChain = chain;
          const line = lines.slice(1).join(' | ');
          if (line !== last) err((last = line));
        });
        if (once) {
          const status = await backend.sync.syncOnce();
          stopProgress();
          if (json) out(JSON.stringify(status));
          else for (const line of statusLines(status)) out(line);
          const incomplete = status.wallets.some((w) => w.historyFrom !== null);
          if (incomplete)
            err('warning: history is incomplete (pruned node); an archive node is needed for full history.');
          return incomplete ? 4 : 0;
        }
        await backend.sync.start();
        err(`following ${backend.sync.endpoint()} — Ctrl-C to stop`);
        // Signal listeners do not keep Node running, nor does the client's reconnect timer (unref'd so
        // that closing never waits on it): while the node cannot be reached nothing else would, and the
        // program ended with exit code 0 instead of reconnecting. This timer holds it until Ctrl-C.
        const keepAlive = setInterval(() => {}, 2 ** 30);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        clearInterval(keepAlive);
        stopProgress();
        return 0;
      }
      case 'report': {
        const value = (name: string) => (typeof flags.get(name) === 'string' ? (flags.get(name) as string) : undefined);
        const optional = {
          format: value('format'),
          method: value('method'),
          rewards: value('rewards'),
          at: value('at'),
        };
        const given = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
        out(await runReport(backend, { ...given, json, csv: flags.has('csv') }));
        return 0;
      }
      case 'backup':
        return await runBackup(backend, dataDir, sub, arg, json, out);
    }
  } finally {
    await backend.sync.close();
    backend.close();
  }
}

/** Run a command line; errors become `error: …` on stderr and the documented exit code. */
/** Test seams: the crash tests run the real CLI through main/test/crash-entry.ts with these set. */
export interface CliSeams {
  beforeCommit?: (blocks: number) => void;
}

export async function runCli(
  argv: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  seams: CliSeams = {},
): Promise<number> {
  try {
    return await run(argv, out, err, seams);
  } catch (error) {
    err(`error: ${(error as Error).message ?? String(error)}`);
    if (error instanceof UsageError || error instanceof ReportUsageError) return 1;
    // A locked database or a wrong passphrase is invalid input: nothing was read or written.
    if (error instanceof DatabaseLockedError || error instanceof WrongPassphraseError) return 1;
    // So is a data folder another process writes to: a second writer is refused before anything is opened.
    if (error instanceof DataDirInUseError) return 1;
    // So is a database file refused as it is (not Taofolio's, unreadable, or from a newer version).
    if (error instanceof DatabaseOpenError || error instanceof DatabaseFromFutureError) return 1;
    // Refused by the backend: invalid input is 1, a chain problem 2, a failure inside Taofolio 3.
    if (error instanceof ApiCallError) return { internal: 3, 'chain-error': 2 }[error.error.code as string] ?? 1;
    // A bad or missing endpoint is invalid input (1); everything else from the chain is 2.
    if (error instanceof ChainError) return error.code === 'invalid-endpoint' ? 1 : 2;
    return 3;
  }
}

const isMain = process.argv[1] !== undefined && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isMain) {
  installLastResort({
    name: 'taofolio',
    log: (line) => process.stderr.write(`error: ${line}\n`),
    onFatal: (_error, code) => process.exit(code),
  });
  void runCli(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  ).then((code) => {
    process.exitCode = code;
    // PJS keeps timers alive for a moment after disconnect; do not hang the shell.
    setTimeout(() => process.exit(), 200).unref();
  });
}
