// Test backends not closed yet, with where each was made. A backend left open outlives its test file:
// its chain client retries the file's closed devnet forever (backoff timers), and the timers hold the
// backend, its database and every runtime's registry (9–23 MB per backend in a shared worker). The node
// projects' setup (./open-backends-guard.ts) fails a file that leaves one open. No imports but types:
// the setup loads this for every node test file.
import type { Backend } from '../backend';

const open = new Map<Backend, string>();

/** Tracks `backend` until it is closed; returns it with a close that stops the tracking. */
export function trackOpen<B extends Backend>(backend: B): B {
  const close = backend.close;
  const site = new Error().stack?.split('\n').find((l) => l.includes('.test.')) ?? '(unknown site)';
  open.set(backend, site.trim());
  backend.close = () => {
    open.delete(backend);
    close();
  };
  return backend;
}

/** Where each tracked backend still open was made (a stack line per backend). */
export function openTestBackends(): string[] {
  return [...open.values()];
}

/** Closes the tracked backends still open; returns where they were made. */
export function closeOpenTestBackends(): string[] {
  const sites = openTestBackends();
  for (const backend of [...open.keys()]) backend.close();
  return sites;
}
