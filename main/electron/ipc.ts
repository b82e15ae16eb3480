import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels, type PushEventName, type PushEvents } from '../../shared/api';
import type { Dispatch } from '../rpc/dispatch';

/** The single IPC channel push events travel on (the preload fans them out by name). */
export const PUSH_CHANNEL = 'taofolio:push';

export interface PushMessage {
  event: PushEventName;
  payload: PushEvents[PushEventName];
}

/** One ipcMain.handle per contract channel; calls from untrusted frames are refused. */
export function registerIpcHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!isTrusted(event))
        return { error: { code: 'internal', message: 'IPC from an untrusted frame was refused.' } };
      return dispatch(channel, args);
    });
  }
}

export function sendPush(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  event: PushEventName,
  payload: PushEvents[PushEventName],
): void {
  if (!contents.isDestroyed()) contents.send(PUSH_CHANNEL, { event, payload } satisfies PushMessage);
}
