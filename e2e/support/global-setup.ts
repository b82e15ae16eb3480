// The suite's global set-up: bundle the programs its tests start (the web host, the CLI) from the
// current sources, as `npm run web` does (scripts/node-bundle.ts).
import { bundlePrograms } from '../../scripts/node-bundle';

export default async function globalSetup(): Promise<void> {
  await bundlePrograms(['web', 'cli']);
}
