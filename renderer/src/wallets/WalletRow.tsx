import { useRef, useState } from 'react';
import type { SyncStatus, Wallet, WalletSyncStatus } from '../../../shared/api';
import { errorMessage } from '../app/ErrorNote';
import { useFocusBack } from '../app/focus-back';
import { utcDayText } from '../app/dates';
import { WalletSyncCell } from '../sync/WalletSyncCell';
import { MovedToNote } from './MovedToNote';
import { useRemoveWallet, useUpdateWallet } from './mutations';

export function WalletRow({
  wallet,
  sync,
  syncAll,
  wallets = [],
}: {
  wallet: Wallet;
  sync?: WalletSyncStatus | undefined;
  syncAll?: SyncStatus | undefined;
  /** Every watched wallet (to tell whether a swapped coldkey's successor is already followed). */
  wallets?: readonly Wallet[];
}) {
  const update = useUpdateWallet();
  const remove = useRemoveWallet();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [label, setLabel] = useState(wallet.label);
  const [group, setGroup] = useState(wallet.group ?? '');
  // Closing the rename form or the remove question gives focus back to the button that opened it.
  const renameButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const focusBack = useFocusBack();
  const stopEditing = () => {
    focusBack(renameButton);
    setEditing(false);
  };
  const keep = () => {
    focusBack(removeButton);
    setConfirming(false);
  };

  // Each edit starts from the wallet as it is now: not from a cancelled edit's text or a failed save's error.
  const startEditing = () => {
    setLabel(wallet.label);
    setGroup(wallet.group ?? '');
    update.reset();
    setEditing(true);
  };

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate({ id: wallet.id, label, group: group.trim() === '' ? null : group }, { onSuccess: stopEditing });
  };

  return (
    <tr data-testid="wallet-row" data-address={wallet.address}>
      {editing ? (
        <td colSpan={4}>
          <form
            className="inline-form"
            onSubmit={save}
            onKeyDown={(e) => e.key === 'Escape' && stopEditing()}
            aria-label={`Rename ${wallet.label}`}
          >
            <label className="field">
              <span>New label</span>
              <input value={label} onChange={(e) => setLabel(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span>New group</span>
              <input value={group} onChange={(e) => setGroup(e.target.value)} />
            </label>
            <button type="submit" className="primary" disabled={update.isPending}>
              Save
            </button>
            <button type="button" onClick={stopEditing}>
              Cancel
            </button>
            {update.error && (
              <span className="error" role="alert">
                {errorMessage(update.error)}
              </span>
            )}
          </form>
        </td>
      ) : (
        <>
          <td>
            <div className="wallet-label">{wallet.label}</div>
            {wallet.group && <span className="chip">{wallet.group}</span>}
          </td>
          <td className="wallet-address">
            <code className="address" title={wallet.address}>
              {wallet.address}
            </code>
            {sync?.movedTo && <MovedToNote wallet={wallet} movedTo={sync.movedTo} wallets={wallets} />}
          </td>
          <td className="muted wallet-added">{utcDayText(wallet.addedAt)}</td>
          <td>
            <WalletSyncCell status={sync} sync={syncAll} />
          </td>
        </>
      )}
      <td className="actions">
        {/* The buttons and the question share one place in the cell, the one not in use kept invisible
            (no focus, not read out): the column is as wide as the wider of them either way, so opening
            the question moves no column (it widened this one and narrowed the others). */}
        <div className="action-swap">
          <span className={editing || confirming ? 'unused' : undefined}>
            <button type="button" ref={renameButton} onClick={startEditing} aria-label={`Rename ${wallet.label}`}>
              Rename
            </button>
            <button
              type="button"
              className="danger-outline"
              ref={removeButton}
              onClick={() => setConfirming(true)}
              aria-label={`Remove ${wallet.label}`}
            >
              Remove
            </button>
          </span>
          {/* Mounted anew when asked, so the safe answer takes the focus: Enter or Escape keeps the wallet. */}
          <span
            key={confirming ? 'asking' : 'unused'}
            className={confirming ? 'confirm' : 'confirm unused'}
            onKeyDown={(e) => confirming && e.key === 'Escape' && keep()}
          >
            <span className="confirm-question">Stop watching?</span>
            <span className="confirm-answers">
              <button
                type="button"
                className="danger"
                onClick={() => confirming && remove.mutate(wallet.id)}
                disabled={remove.isPending}
              >
                Confirm remove
              </button>
              <button type="button" onClick={keep} autoFocus={confirming}>
                Keep
              </button>
            </span>
          </span>
        </div>
        {remove.error && (
          <span className="error" role="alert">
            {errorMessage(remove.error)}
          </span>
        )}
      </td>
    </tr>
  );
}
