import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { ActivityFacets } from '../../../shared/activity';
import type { Wallet } from '../../../shared/api';
import { ACTIVITY_KINDS } from '../../../shared/vocab';
import { VocabSelect } from '../app/VocabSelect';
import { activeFilters, DEFAULT_CHOICES, type ActivityChoices } from './choices';
import { subnetName } from './row-view';

const SEARCH_DELAY_MS = 250;

/** Wallet, subnet, kind, UTC date range and search; every change applies at once (search after a pause). */
export function ActivityFilters({
  choices,
  onChange,
  wallets,
  facets,
  problem,
}: {
  choices: ActivityChoices;
  onChange: (next: ActivityChoices) => void;
  wallets: readonly Wallet[];
  facets: ActivityFacets | undefined;
  problem: string | null;
}) {
  const set = (patch: Partial<ActivityChoices>) => onChange({ ...choices, ...patch });
  const netuids = facets?.netuids ?? [];
  return (
    <form className="activity-filters" aria-label="Filter activity" onSubmit={(e) => e.preventDefault()}>
      <label className="field">
        <span>Wallet</span>
        <select
          value={choices.walletId ?? ''}
          onChange={(e) => set({ walletId: e.target.value ? Number(e.target.value) : null })}
        >
          <option value="">All wallets</option>
          {wallets.map((w) => (
            <option key={w.id} value={w.id}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Subnet</span>
        <select
          value={choices.netuid ?? ''}
          onChange={(e) => set({ netuid: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">All subnets</option>
          {/* A remembered subnet stays selectable even when no entry has it any more. */}
          {[...new Set([...netuids, ...(choices.netuid === null ? [] : [choices.netuid])])].map((n) => (
            <option key={n} value={n}>
              {subnetName(n)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Kind</span>
        <VocabSelect
          vocabulary={ACTIVITY_KINDS}
          value={choices.kind ?? undefined}
          onChange={(kind) => set({ kind: kind ?? null })}
          emptyLabel="All kinds"
        />
      </label>
      {/* One group: the range wraps as a whole, "To" never alone on a line away from "From". */}
      <div className="date-range" role="group" aria-label="UTC days">
        <label className="field">
          <span>From (UTC)</span>
          <input type="date" value={choices.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
        </label>
        <label className="field">
          <span>To (UTC)</span>
          <input
            type="date"
            value={choices.toDay}
            onChange={(e) => set({ toDay: e.target.value })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'activity-range-error' : undefined}
          />
        </label>
      </div>
      <SearchField value={choices.search} onCommit={(search) => set({ search })} />
      {activeFilters(choices) > 0 && (
        <button type="button" onClick={() => onChange({ ...DEFAULT_CHOICES, sort: choices.sort })}>
          Clear filters
        </button>
      )}
      {problem && (
        <p className="field-error" id="activity-range-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Typing applies after a short pause; Enter applies at once; "/" anywhere on the page focuses it. */
function SearchField({ value, onCommit }: { value: string; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(value);
  // Cleared or changed from outside (e.g. "Clear filters"): show that.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setDraft(value);
  }
  const input = useRef<HTMLInputElement>(null);
  const commit = useEffectEvent((text: string) => onCommit(text));
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => commit(draft), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, value]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA');
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <label className="field field-search">
      <span>Search</span>
      <input
        ref={input}
        type="search"
        value={draft}
        placeholder="Validator, hotkey, block or 0x hash"
        title="A validator name, a hotkey or coldkey (part of either), a block number, block-extrinsic (e.g. 4500000-3), or a 0x block-hash prefix. Press / to search."
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onCommit(draft);
          if (e.key === 'Escape') {
            setDraft('');
            onCommit('');
          }
        }}
      />
    </label>
  );
}
