// The web host's program entry, bundled for `npm run web` by scripts/node-bundle.ts (in the bundle,
// web.ts keeps its source URL, so its own "started as a file" check does not fire).
import { runWebHostProgram } from './web';

runWebHostProgram();
