// Setup of the node test projects: a file that leaves a test backend open fails (and the backend is
// closed), since an open backend keeps retrying the file's closed devnet and holds its whole state
// for the rest of the worker's life (./open-backends.ts).
import { afterAll } from 'vitest';
import { closeOpenTestBackends } from './open-backends';

afterAll(() => {
  const sites = closeOpenTestBackends();
  if (sites.length > 0)
    throw new Error(`${sites.length} test backend(s) left open (close each in the test):\n${sites.join('\n')}`);
});
