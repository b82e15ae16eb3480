// Decodes large answers from the web host off the main thread: JSON with tagged bigints (shared/wire)
// becomes objects here, and reaches the page as a structured clone (bigints included), so a big
// analytics answer never freezes the UI while it is parsed (bench/ui.ts: the recompute's longest frame).
import { fromWire } from '../../../shared/wire';

interface Job {
  seq: number;
  text: string;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<Job>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { seq, text } = event.data;
  try {
    scope.postMessage({ seq, value: fromWire(text) });
  } catch {
    scope.postMessage({ seq, failed: true });
  }
};
