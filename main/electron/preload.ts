// Sandboxed preload, bundled to one CJS file: exposes exactly one method per contract channel and
// a push subscription that never leaks the IPC event or ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels } from '../../shared/api';
import { BRIDGE_GLOBAL, type ChannelMethods, type TaofolioBridge } from '../../shared/bridge';
import { PUSH_CHANNEL, type PushMessage } from './ipc';

const methods = Object.fromEntries(
  channels.map((channel) => [channel, (args?: unknown) => ipcRenderer.invoke(channel, args)]),
) as unknown as ChannelMethods;

const bridge: TaofolioBridge = {
  ...methods,
  on(event, listener) {
    const handler = (_event: IpcRendererEvent, message: PushMessage) => {
      if (message.event === event) listener(message.payload as Parameters<typeof listener>[0]);
    };
    ipcRenderer.on(PUSH_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(PUSH_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
