import type { Wallet, WalletSyncStatus } from '../../../shared/api';
import { errorMessage } from '../app/ErrorNote';
import { useAddWallet } from './mutations';

/**
 * A coldkey swap moved this wallet's stake to another coldkey: say so, and offer to follow the new
 * one (its history carries this one's over), or say which watched wallet already does.
 */
export function MovedToNote({
  wallet,
  movedTo,
  wallets,
}: {
  wallet: Wallet;
  movedTo: NonNullable<WalletSyncStatus['movedTo']>;
  wallets: readonly Wallet[];
}) {
  const add = useAddWallet();
  const following = wallets.find((w) => w.address === movedTo.coldkey);
  return (
    <div className="note small moved-to" role="status" data-testid="moved-to">
      <p>
        A coldkey swap moved this wallet’s stake to <code>{movedTo.coldkey}</code> at block #
        {movedTo.block.toLocaleString('en')}. New stake activity happens there.
      </p>
      {following ? (
        <p>Followed as “{following.label}”.</p>
      ) : (
        <button
          type="button"
          onClick={() => add.mutate({ address: movedTo.coldkey, label: `${wallet.label} (new coldkey)`.slice(0, 80) })}
          disabled={add.isPending}
        >
          Follow the new coldkey
        </button>
      )}
      {add.error && (
        <span className="error" role="alert">
          {errorMessage(add.error)}
        </span>
      )}
    </div>
  );
}
