// The single-instance lock with a stand-in for Electron's app (no Electron binary is needed).
import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type FrontWindow, type InstanceApp } from './single-instance';

function fakeApp(locked: boolean) {
  const calls: string[] = [];
  let onSecond: (() => void) | null = null;
  const app: InstanceApp = {
    requestSingleInstanceLock: () => locked,
    quit: () => calls.push('quit'),
    on: (_event, listener) => (onSecond = listener),
  };
  return { app, calls, secondLaunch: () => onSecond?.() };
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: FrontWindow = {
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    focus: () => calls.push('focus'),
  };
  return { window, calls };
}

describe('single instance', () => {
  it('a second launch quits and starts nothing', () => {
    const { app, calls } = fakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(calls).toEqual(['quit']);
  });

  it('the first one goes on, and brings its window to the front when another is launched', () => {
    const { app, calls, secondLaunch } = fakeApp(true);
    const minimized = fakeWindow(true);
    expect(claimSingleInstance(app, () => minimized.window)).toBe(true);
    expect(calls).toEqual([]);
    secondLaunch();
    expect(minimized.calls).toEqual(['restore', 'focus']);
  });

  it('a launch before the first window exists changes nothing', () => {
    const { app, secondLaunch } = fakeApp(true);
    expect(claimSingleInstance(app, () => undefined)).toBe(true);
    expect(() => secondLaunch()).not.toThrow();
  });
});
