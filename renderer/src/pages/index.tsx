import { ActivityPage } from '../activity/ActivityPage';
import { PortfolioPage } from '../portfolio/PortfolioPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SubnetsPage } from '../subnets/SubnetsPage';
import { WalletsPage } from '../wallets/WalletsPage';

export type PageId = 'portfolio' | 'subnets' | 'activity' | 'wallets' | 'settings';

export const PAGES: { id: PageId; label: string; render: () => React.ReactNode }[] = [
  { id: 'portfolio', label: 'Portfolio', render: () => <PortfolioPage /> },
  { id: 'subnets', label: 'Subnets', render: () => <SubnetsPage /> },
  { id: 'activity', label: 'Activity', render: () => <ActivityPage /> },
  { id: 'wallets', label: 'Wallets', render: () => <WalletsPage /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPage /> },
];
