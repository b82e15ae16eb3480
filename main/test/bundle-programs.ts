// Vitest's global set-up: bundle the programs the tests spawn (./programs.ts), once per run.
import { bundlePrograms } from '../../scripts/node-bundle';

export default async function setup(): Promise<void> {
  await bundlePrograms(['cli', 'crashCli']);
}
