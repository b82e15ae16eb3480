import { describe, expect, it } from 'vitest';
import type { ChainStatus, SyncStatus, WalletSyncStatus } from '../../../shared/api';
import { connectionView, durationText, freshnessNote, walletView } from './status';

const chain = (o: Partial<ChainStatus>): ChainStatus => ({
  state: 'connected',
  endpoint: 'ws://node:9944',
  message: null,
  code: null,
  specVersion: 343,
  bestFinalized: 5_000_000,
  ...o,
});
const wallet = (o: Partial<WalletSyncStatus>): WalletSyncStatus => ({
  walletId: 1,
  address: '5F',
  phase: 'live',
  done: 0,
  total: 0,
  etaMs: null,
  cursor: 4_999_990,
  firstBlock: 1,
  lastFinalized: 5_000_000,
  error: null,
  historyFrom: null,
  movedTo: null,
  ...o,
});
const status = (c: Partial<ChainStatus>, paused = false): SyncStatus => ({ chain: chain(c), paused, wallets: [] });

describe('sync status in words', () => {
  it('connected shows the head; paused says paused whatever the socket does', () => {
    expect(connectionView(status({}))).toMatchObject({ tone: 'ok', label: 'Connected · block #5,000,000' });
    const paused = connectionView(status({}, true));
    expect(paused).toMatchObject({ tone: 'paused', label: 'Sync paused' });
    expect(paused.label + (paused.detail ?? '')).not.toMatch(/Connected/);
  });

  it('errors use the vocabulary label and keep the message', () => {
    expect(connectionView(status({ state: 'error', code: 'wrong-chain', message: 'genesis 0x8f…' }))).toEqual({
      tone: 'problem',
      label: 'Wrong chain',
      detail: 'genesis 0x8f…',
    });
    expect(connectionView(status({ state: 'disconnected', message: 'Lost the connection' })).label).toBe(
      'Reconnecting…',
    );
  });

  it('a wallet is "Live" only while the node answers', () => {
    expect(walletView(wallet({}), status({}))).toMatchObject({ tone: 'ok', label: 'Live' });
    // An older backend may still say live while the endpoint is unreachable: the UI does not repeat it.
    const down = walletView(wallet({}), status({ state: 'error', code: 'unreachable' }));
    expect(down.tone).toBe('problem');
    expect(down.label).not.toMatch(/^Live/);
    expect(walletView(wallet({ phase: 'waiting' }), status({ state: 'disconnected' })).label).toBe(
      'Waiting: reconnecting…',
    );
    expect(walletView(wallet({}), status({}, true))).toMatchObject({ tone: 'paused', label: 'Paused' });
    expect(
      walletView(
        wallet({ phase: 'waiting', cursor: null }),
        status({ state: 'idle', message: 'Choose a chain endpoint' }),
      ),
    ).toEqual({
      tone: 'idle',
      label: 'Not syncing',
      detail: 'Choose a chain endpoint',
    });
    expect(walletView(wallet({ phase: 'error', error: 'boom' }), status({}))).toEqual({
      tone: 'problem',
      label: 'Sync problem',
      detail: 'boom',
    });
  });

  it('says where the wallet’s history begins: the block before its first change, or where a pruned node’s starts', () => {
    const detail = (o: Partial<WalletSyncStatus>) => walletView(wallet(o), status({})).detail;
    expect(detail({ firstBlock: 4_000_000 })).toBe('History from block #3,999,999 · recorded up to block #4,999,990.');
    expect(detail({ firstBlock: 4_999_000, historyFrom: 4_998_000 })).toBe(
      'History from block #4,998,000 · recorded up to block #4,999,990.',
    );
    expect(detail({ firstBlock: null })).toBe('No stake change found yet · recorded up to block #4,999,990.');
    expect(detail({ cursor: null, phase: 'idle' })).toBeNull();
  });

  it('notes prices older than a tempo before the head, using the live head when it is newer', () => {
    const f = { pricesBlock: 1_000, pricesTimestamp: 0, headBlock: 1_200 };
    expect(freshnessNote(f)).toBeNull();
    expect(freshnessNote(f, 1_400)).toBe(
      'Values use pool prices from block #1,000, about 80 min before the chain head (#1,400).',
    );
    expect(freshnessNote({ ...f, headBlock: 1_000 + 7_200 })).toMatch(/about 24 h before the chain head \(#8,200\)/);
    expect(freshnessNote({ pricesBlock: null, pricesTimestamp: null, headBlock: 9 })).toBeNull();
    expect(freshnessNote(undefined)).toBeNull();
    expect(durationText(3 * 86_400)).toBe('3 days');
  });
});
