import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityPageView } from '../../../shared/activity';
import { BRIDGE_GLOBAL } from '../../../shared/bridge';
import { CHOICES_KEY } from './choices';
import { ActivityPage } from './ActivityPage';

type Call = { channel: string; args: unknown };

const WALLETS = [
  { id: 1, address: '5Main', label: 'Main', group: null, addedAt: 0 },
  { id: 2, address: '5Empty', label: 'Empty', group: null, addedAt: 0 },
];

/** A backend that answers like the real one for these wallets: Main has 3 entries, Empty none. It
 * answers once `gate.open` resolves, when a test sets one. */
function fakeBridge(calls: Call[], gate: { open?: Promise<void> }) {
  const page = (args: { filter?: { walletIds?: number[] } } | undefined): ActivityPageView => {
    const matched = args?.filter?.walletIds?.includes(1) === false ? 0 : 3;
    return {
      total: 3,
      matched,
      offset: 0,
      rows: [],
      facets: { netuids: [0, 4], kinds: ['buy'], firstTimestamp: 0, lastTimestamp: 0 },
      symbols: { 4: 'ε' },
    };
  };
  const answer = (channel: string, args: unknown) => {
    calls.push({ channel, args });
    if (channel === 'wallets:list') return WALLETS;
    if (channel === 'activity:list') return page(args as never);
    if (channel === 'activity:export') return { filename: 'a.csv', mime: 'text/csv', content: 'x' };
    throw new Error(`unexpected ${channel}`);
  };
  return new Proxy(
    { on: () => () => {} },
    {
      get: (target, name: string) =>
        name === 'on'
          ? target.on
          : async (args: unknown) => {
              const data = answer(name, args);
              await gate.open;
              return { data };
            },
    },
  );
}

describe('<ActivityPage>', () => {
  // The client keeps the first bridge it finds for the life of the page: install one, clear its log.
  const calls: Call[] = [];
  const gate: { open?: Promise<void> } = {};
  (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] = fakeBridge(calls, gate);
  beforeEach(() => {
    calls.length = 0;
    gate.open = undefined;
    localStorage.clear();
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
  });

  const renderPage = () =>
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <ActivityPage />
      </QueryClientProvider>,
    );
  const lastList = () => calls.filter((c) => c.channel === 'activity:list').at(-1)!.args as Record<string, unknown>;

  it('an empty wallet shows no entry and offers nothing to export', async () => {
    renderPage();
    await screen.findByText('3 entries · Time, newest first');
    fireEvent.change(screen.getByRole('combobox', { name: 'Wallet' }), { target: { value: '2' } });
    await screen.findByText('0 of 3 entries · Time, newest first');
    expect(lastList()).toMatchObject({ filter: { walletIds: [2] }, sort: { key: 'time', dir: 'desc' } });
    expect(screen.getByRole('button', { name: /^Export 0 entries/ })).toHaveProperty('disabled', true);
    expect(screen.getByText('No entry matches these filters.')).toBeTruthy();
  });

  it('a reversed date range claims no entries: no count, no export, no list, until the dates are cleared', async () => {
    renderPage();
    await screen.findByText('3 entries · Time, newest first');
    fireEvent.change(screen.getByLabelText('From (UTC)'), { target: { value: '2026-12-07' } });
    fireEvent.change(screen.getByLabelText('To (UTC)'), { target: { value: '2026-12-01' } });
    await screen.findByText('No date range: “From” is after “To”');
    expect(screen.getByRole('alert').textContent).toBe('The “From” day is after the “To” day.');
    const exportButton = screen.getByRole('button', { name: /^Export/ });
    expect(exportButton.textContent).toBe('Export entries (CSV)');
    expect(exportButton).toHaveProperty('disabled', true);
    expect(screen.queryByRole('grid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Clear dates' }));
    await screen.findByText('3 entries · Time, newest first');
    expect(screen.getByRole('button', { name: /^Export 3 entries/ })).toHaveProperty('disabled', false);
  });

  it('exports with exactly the filter and order the list was asked with, and remembers them', async () => {
    renderPage();
    await screen.findByText('3 entries · Time, newest first');
    fireEvent.change(screen.getByRole('combobox', { name: 'Wallet' }), { target: { value: '1' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Subnet' }), { target: { value: '4' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: 'buy' } });
    await screen.findByText(/3 of 3 entries/);
    fireEvent.click(screen.getByRole('button', { name: /^Export 3 entries/ }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'activity:export')).toBe(true));
    const exported = calls.find((c) => c.channel === 'activity:export')!.args;
    expect(exported).toEqual({
      filter: { walletIds: [1], netuids: [4], kinds: ['buy'] },
      sort: { key: 'time', dir: 'desc' },
    });
    expect({ filter: lastList().filter, sort: lastList().sort }).toEqual(exported);
    expect(JSON.parse(localStorage.getItem(CHOICES_KEY)!)).toMatchObject({ walletId: 1, netuid: 4, kind: 'buy' });
  });

  it('applies a search after a pause, and Clear filters resets it', async () => {
    renderPage();
    await screen.findByText('3 entries · Time, newest first');
    // The pause is the field's own timer, run when the test says (not raced against waitFor's 1 s).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: ' 5Hot ' } });
      expect(lastList().filter).toBeUndefined();
      await act(async () => {
        vi.runOnlyPendingTimers();
      });
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(lastList()).toMatchObject({ filter: { search: '5Hot' } }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    await waitFor(() => expect(lastList().filter).toBeUndefined());
    expect((screen.getByRole('searchbox', { name: 'Search' }) as HTMLInputElement).value).toBe('');
  });

  it("marks the counts busy while the list for new choices loads: until then they are the previous list's", async () => {
    renderPage();
    await screen.findByText('3 entries · Time, newest first');
    const count = screen.getByTestId('activity-count');
    expect(count.getAttribute('aria-busy')).toBeNull();
    let release = () => {};
    gate.open = new Promise((resolve) => (release = resolve));
    fireEvent.change(screen.getByRole('combobox', { name: 'Wallet' }), { target: { value: '2' } });
    await waitFor(() => expect(lastList()).toMatchObject({ filter: { walletIds: [2] } }));
    expect(count.textContent).toBe('3 of 3 entries · Time, newest first');
    expect(count.getAttribute('aria-busy')).toBe('true');
    release();
    await screen.findByText('0 of 3 entries · Time, newest first');
    expect(count.getAttribute('aria-busy')).toBeNull();
  });
});
