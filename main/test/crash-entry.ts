// The CLI as the crash tests run it: the real `main/cli.ts` program, except that the process
// SIGKILLs itself right before committing the transaction that holds its Nth planned block
// (TAOFOLIO_TEST_KILL_BEFORE_COMMIT = N, counted over all wallets, 0 = the first): an abrupt death
// at a precise point whatever the batching.
import { runCli } from '../cli';

const killAt = Number(process.env.TAOFOLIO_TEST_KILL_BEFORE_COMMIT ?? Number.NaN);
let committed = 0;

void runCli(
  process.argv.slice(2),
  (s) => process.stdout.write(`${s}\n`),
  (s) => process.stderr.write(`${s}\n`),
  {
    beforeCommit: (blocks) => {
      if (committed <= killAt && killAt < committed + blocks) process.kill(process.pid, 'SIGKILL');
      committed += blocks;
    },
  },
).then((code) => {
  process.exitCode = code;
  setTimeout(() => process.exit(), 200).unref();
});
