// PJS keeps subscriptions of its own (e.g. the runtime-version subscription an ApiPromise opens
// after init) without an error handler. An error answer from the node to one of them becomes an
// RxJS "unhandled error", which RxJS rethrows on a timer: an uncaught exception that ends the
// process although nothing of ours failed. Route them to a log line instead; the subscription is
// simply gone (sync reads each block's runtime itself).
import { config } from 'rxjs';

let installed = false;

export function installRxErrorSink(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return;
  installed = true;
  config.onUnhandledError = (error: unknown) => {
    log(`A chain subscription failed and was dropped: ${(error as Error | undefined)?.message ?? String(error)}`);
  };
}
