// The message contract between a UI-side host and the backend, encoded with shared/wire.ts: the web
// host's WebSocket and the Electron main ↔ backend utility process both carry exactly these.
import type { ApiResponse, PushEventName, PushEvents } from '../../shared/api';
import { fromWire } from '../../shared/wire';

export interface RequestMessage {
  id: number;
  channel: string;
  args?: unknown;
}

export type ServerMessage =
  { id: number; response: ApiResponse<unknown> } | { push: PushEventName; payload: PushEvents[PushEventName] };

export function parseRequest(value: unknown): RequestMessage | null {
  if (value === null || typeof value !== 'object') return null;
  const { id, channel, args } = value as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return null;
  return { id, channel, args };
}

/** Decode one incoming request frame; null for anything that is not a well-formed request. */
export function decodeRequest(text: string): RequestMessage | null {
  try {
    return parseRequest(fromWire(text));
  } catch {
    return null;
  }
}
