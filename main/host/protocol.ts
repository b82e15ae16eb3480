// Messages of the web host's WebSocket transport (encoded with shared/wire.ts).
import type { ApiResponse, PushEventName, PushEvents } from '../../shared/api';

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
