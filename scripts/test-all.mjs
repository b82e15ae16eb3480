// `npm test`: every check, each phase timed. The type check and lint are independent and each mostly
// single-threaded, so they run side by side; the suites after them use every core themselves.
// Stops at the first failing phase with its exit code.
import { spawn } from 'node:child_process';

const phases = [
  [
    ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
    ['lint', 'npm', ['run', '--silent', 'lint']],
  ],
  [['electronegativity', 'npm', ['run', '--silent', 'test:electronegativity']]],
  [['unit', 'npm', ['run', '--silent', 'test:unit']]],
  [['e2e', 'npm', ['run', '--silent', 'test:e2e']]],
];

const seconds = (since) => ((performance.now() - since) / 1000).toFixed(1);

/** Run one check; side-by-side checks buffer their output and print it whole, so it stays readable. */
function run([name, command, args], buffered) {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    let output = '';
    if (buffered) {
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
    }
    child.on('close', (code, signal) => {
      if (buffered && output !== '') process.stdout.write(output);
      const status = code ?? (signal ? 1 : 0);
      console.log(`── ${name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds(started)} s`);
      resolve(status);
    });
  });
}

const started = performance.now();
for (const group of phases) {
  const statuses = await Promise.all(group.map((check) => run(check, group.length > 1)));
  const failed = statuses.find((status) => status !== 0);
  if (failed !== undefined) {
    console.log(`── npm test: failed after ${seconds(started)} s`);
    process.exit(failed);
  }
}
console.log(`── npm test: all passed in ${seconds(started)} s`);
