import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiCallError } from '../api/client';
import { errorMessage } from '../app/ErrorNote';
import { TextField } from '../app/TextField';
import { useAddWallet } from './mutations';
import { walletQueries } from './queries';

export function AddWalletForm() {
  const add = useAddWallet();
  // A refused add's message is about the wallets as they were ("already watched as “Alice”"): once the
  // list changes (Alice removed) it may be false, so it goes; adding again says what holds then.
  const wallets = useQuery(walletQueries.list()).data;
  const { reset } = add;
  useEffect(() => reset(), [wallets, reset]);
  const [address, setAddress] = useState('');
  const [label, setLabel] = useState('');
  const [group, setGroup] = useState('');
  const [note, setNote] = useState<string | null>(null);

  const fieldError = (field: string) =>
    add.error instanceof ApiCallError && add.error.error.field === field ? add.error.error.message : null;
  const addressError = fieldError('address');
  const labelError = fieldError('label');
  const groupError = fieldError('group');
  const otherError = add.error && !addressError && !labelError && !groupError ? errorMessage(add.error) : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setNote(null);
    add.mutate(
      { address, label, group: group.trim() === '' ? null : group },
      {
        onSuccess: ({ wallet, normalisedFrom }) => {
          setAddress('');
          setLabel('');
          setGroup('');
          setNote(
            normalisedFrom
              ? `Added “${wallet.label}”. The address was written for SS58 prefix ${normalisedFrom.prefix}; it is the same account and is shown in Bittensor form (prefix 42).`
              : null,
          );
        },
      },
    );
  };

  return (
    <form className="card add-wallet" onSubmit={submit} noValidate aria-label="Add a wallet">
      <h2>Watch a wallet</h2>
      <p className="muted">Watch-only: paste a coldkey address. Taofolio never asks for keys or seed phrases.</p>
      <div className="form-grid">
        <TextField
          className="field field-wide"
          label="Coldkey address"
          name="address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="5F…"
          spellCheck={false}
          autoComplete="off"
          error={addressError}
          errorId="address-error"
        />
        <TextField
          label="Label"
          name="label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder="Main"
          error={labelError}
        />
        <TextField
          label="Group (optional)"
          name="group"
          value={group}
          onChange={(e) => setGroup(e.target.value)}
          placeholder="Personal"
          error={groupError}
          errorId="group-error"
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add wallet'}
        </button>
        {otherError && (
          <span className="error" role="alert">
            {otherError}
          </span>
        )}
        {note && (
          <span className="note" role="status">
            {note}
          </span>
        )}
      </div>
    </form>
  );
}
