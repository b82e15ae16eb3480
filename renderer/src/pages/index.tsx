import { SettingsPage } from '../settings/SettingsPage';
import { WalletsPage } from '../wallets/WalletsPage';
import { Placeholder } from './Placeholder';

export type PageId = 'portfolio' | 'subnets' | 'activity' | 'wallets' | 'settings';

export const PAGES: { id: PageId; label: string; render: () => React.ReactNode }[] = [
  {
    id: 'portfolio',
    label: 'Portfolio',
    render: () => (
      <Placeholder title="Portfolio">
        <p>
          Total value, cost basis, realized and unrealized PnL and emission income across your watched wallets, with each
          Alpha bet compared against simply holding TAO. It fills in once sync records your stake history.
        </p>
      </Placeholder>
    ),
  },
  {
    id: 'subnets',
    label: 'Subnets',
    render: () => (
      <Placeholder title="Subnets">
        <p>Per-subnet positions: α held, average entry price, spot and exit value after slippage, and emissions earned.</p>
      </Placeholder>
    ),
  },
  {
    id: 'activity',
    label: 'Activity',
    render: () => (
      <Placeholder title="Activity">
        <p>Every stake, unstake, move, swap and transfer of your wallets, read from your node, with CSV exports.</p>
      </Placeholder>
    ),
  },
  { id: 'wallets', label: 'Wallets', render: () => <WalletsPage /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPage /> },
];
