import { ActivityPage } from '../activity/ActivityPage';
import type { PageId, Route } from '../app/route';
import { PortfolioPage } from '../portfolio/PortfolioPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SubnetDetailPage } from '../subnets/SubnetDetailPage';
import { SubnetsPage } from '../subnets/SubnetsPage';
import { WalletsPage } from '../wallets/WalletsPage';

export type { PageId } from '../app/route';

export const PAGES: { id: PageId; label: string; render: () => React.ReactNode }[] = [
  { id: 'portfolio', label: 'Portfolio', render: () => <PortfolioPage /> },
  { id: 'subnets', label: 'Subnets', render: () => <SubnetsPage /> },
  { id: 'activity', label: 'Activity', render: () => <ActivityPage /> },
  { id: 'wallets', label: 'Wallets', render: () => <WalletsPage /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsPage /> },
];

export function renderRoute(route: Route): React.ReactNode {
  if (route.page === 'subnet') return <SubnetDetailPage key={route.netuid} netuid={route.netuid} />;
  return (PAGES.find((p) => p.id === route.page) ?? PAGES[0]!).render();
}
