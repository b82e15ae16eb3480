// Last-resort handlers for every entry point (web host, CLI, Electron main, backend process).
// Known failures are handled where they happen; these catch what slipped through, so one bad
// frame or forgotten promise cannot silently kill a long-running host. Every database write is
// one transaction, so continuing after a failed handler cannot leave a partial row behind.
// No import of the chain client here: the Electron main process installs these too and must not
// load the API or the database (ChainError is recognised by name).

export interface LastResortOptions {
  /** Shown in the log line, e.g. "web host". */
  name: string;
  log?: (line: string) => void;
  /**
   * What to do after logging. Long-running hosts keep serving (default); one-shot commands exit
   * with the code the README documents for the failure.
   */
  onFatal?: (error: unknown, exitCode: number) => void;
}

/** The documented exit code for a failure that escaped: 2 for the chain (PJS included), else 3. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof Error && error.name === 'ChainError') return 2;
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return /[\\/]@polkadot[\\/]/.test(stack) ? 2 : 3;
}

type ProcessLike = Pick<NodeJS.Process, 'on'>;

export function installLastResort(options: LastResortOptions, proc: ProcessLike = process): void {
  const log = options.log ?? ((line: string) => console.error(line));
  const report = (kind: string) => (error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`${options.name}: ${kind} (kept running: ${options.onFatal ? 'no' : 'yes'}): ${detail}`);
    options.onFatal?.(error, exitCodeFor(error));
  };
  proc.on('unhandledRejection', report('unhandled rejection'));
  proc.on('uncaughtException', report('uncaught exception'));
}
