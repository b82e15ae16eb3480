import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChainError } from './chain/client';
import { exitCodeFor, installLastResort } from './last-resort';

describe('last-resort handlers', () => {
  it('log what escaped and keep a host running', () => {
    const proc = new EventEmitter();
    const lines: string[] = [];
    installLastResort({ name: 'web host', log: (l) => lines.push(l) }, proc as never);
    proc.emit('uncaughtException', new Error('boom'));
    proc.emit('unhandledRejection', new Error('late'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^web host: uncaught exception \(kept running: yes\): Error: boom/);
    expect(lines[1]).toMatch(/^web host: unhandled rejection .*late/);
  });

  it('give one-shot commands the documented exit code: 2 for chain and PJS failures, 3 otherwise', () => {
    const proc = new EventEmitter();
    const codes: number[] = [];
    installLastResort({ name: 'cli', log: () => {}, onFatal: (_e, code) => codes.push(code) }, proc as never);
    proc.emit('uncaughtException', new ChainError('malformed', 'bad frame'));
    const pjs = new SyntaxError('Unexpected token');
    pjs.stack =
      'SyntaxError: Unexpected token\n    at x (/app/node_modules/@polkadot/rpc-provider/cjs/ws/index.js:420:31)';
    proc.emit('uncaughtException', pjs);
    proc.emit('unhandledRejection', new TypeError('ours'));
    expect(codes).toEqual([2, 2, 3]);
    expect(exitCodeFor('a string')).toBe(3);
  });

  it('is installed by every entry point', () => {
    for (const entry of ['main/index.ts', 'main/host/web.ts', 'main/cli.ts']) {
      const source = readFileSync(join(import.meta.dirname, '..', entry), 'utf8');
      expect(source, entry).toMatch(/installLastResort\(/);
    }
  });
});
