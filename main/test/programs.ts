// The programs tests spawn (the CLI; the CLI with the crash tests' kill seam) start from their bundles,
// built once per run by vitest's global set-up (./bundle-programs.ts): about 0.6 s per process instead
// of `tsx`'s 3 s. The bundles are the same sources (scripts/node-bundle.ts).
import { programPath, type NodeProgram } from '../../scripts/node-bundle';

/** The command that runs `program` with `args` in plain node: [executable, arguments]. */
export function programCommand(program: NodeProgram, args: readonly string[]): [string, string[]] {
  return [process.execPath, [programPath(program), ...args]];
}
