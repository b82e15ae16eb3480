import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ArgsOf } from '../../../shared/api';
import { send } from '../api/client';
import { walletQueries } from './queries';

function useInvalidateWallets() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: walletQueries.all() });
}

export function useAddWallet() {
  const invalidate = useInvalidateWallets();
  return useMutation({ mutationFn: (args: ArgsOf<'wallets:add'>) => send('wallets:add', args), onSuccess: invalidate });
}

export function useUpdateWallet() {
  const invalidate = useInvalidateWallets();
  return useMutation({
    mutationFn: (args: ArgsOf<'wallets:update'>) => send('wallets:update', args),
    onSuccess: invalidate,
  });
}

export function useRemoveWallet() {
  const invalidate = useInvalidateWallets();
  return useMutation({ mutationFn: (id: number) => send('wallets:remove', { id }), onSuccess: invalidate });
}
