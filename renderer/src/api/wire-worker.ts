// Decodes large answers from the web host off the main thread: JSON with tagged bigints (shared/wire)
// becomes objects here, and reaches the page as structured clones (bigints included), so a big
// analytics answer never freezes the UI while it is parsed (bench/ui.ts: the recompute's longest frame).
// Long arrays come first, a slice per message (./wire-parts), then the rest of the value: the page
// deserialises each message in its own task.
import { fromWire } from '../../../shared/wire';
import { splitLongArrays } from './wire-parts';

interface Job {
  seq: number;
  /** The answer's text, or its UTF-8 bytes (a binary frame, main/host/connection.ts). */
  text: string | ArrayBuffer;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { seq, text } = event.data;
  let value: unknown;
  try {
    value = fromWire(typeof text === 'string' ? text : new TextDecoder().decode(text));
  } catch {
    scope.postMessage({ seq, failed: true });
    return;
  }
  const { arrays, slices } = splitLongArrays(value);
  for (const slice of slices) scope.postMessage({ seq, slice });
  scope.postMessage({ seq, value, arrays });
};
