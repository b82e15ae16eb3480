import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { prefetchFigures, prefetchOnIntent } from '../portfolio/prefetch';
import { FirstRunGate } from '../settings/FirstRunGate';
import { settingsQueries } from '../settings/queries';
import { walletQueries } from '../wallets/queries';
import { PAGES, renderRoute } from '../pages';
import { HostLinkBanner } from '../sync/HostLinkBanner';
import { SyncIndicator } from '../sync/SyncIndicator';
import { FrameToggles } from './FrameToggles';
import { PrivacyContext } from './privacy';
import { ErrorNote } from './ErrorNote';
import { NotFound } from './NotFound';
import { defaultRoute, isBlankHash, navPageOf, parseRoute, routeHref, type Route } from './route';
import { WELCOME_HASH } from '../settings/Onboarding';

function useHashRoute(walletCount: number | undefined): { route: Route | null; unknown: string | null } {
  const [hash, setHash] = useState(() => window.location.hash);
  const [start, setStart] = useState<Route | null>(null);
  useEffect(() => {
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const hashRoute = parseRoute(hash);
  // An address that names no page (a mistyped or stale link) says so rather than showing another page
  // under it; #/welcome is the onboarding's (FirstRunGate).
  const unknown = hashRoute === null && !isBlankHash(hash) && hash !== WELCOME_HASH ? hash : null;
  // With no page in the address, open on Portfolio once wallets exist (Wallets otherwise), decided
  // once: adding the first wallet must not navigate away from the Wallets page.
  if (hashRoute === null && start === null && walletCount !== undefined) setStart(defaultRoute(walletCount));
  const route = hashRoute ?? start;
  useEffect(() => {
    // Name the page in the address too, so a reload stays where the user is.
    // (Unless the first-run onboarding has named itself there already.)
    if (hashRoute === null && start !== null && window.location.hash === '')
      window.history.replaceState(window.history.state, '', routeHref(start));
  }, [hashRoute, start]);
  return { route, unknown };
}

export function App() {
  const settings = useQuery(settingsQueries.get());
  const wallets = useQuery(walletQueries.list());
  const { route, unknown } = useHashRoute(wallets.data?.length);
  const privacy = settings.data?.privacyMode ?? false;
  const nav = route && !unknown ? navPageOf(route) : null;
  const client = useQueryClient();
  const hasWallets = (wallets.data?.length ?? 0) > 0;
  useEffect(() => prefetchOnIntent(client), [client]);
  useEffect(() => {
    if (hasWallets) void prefetchFigures(client);
  }, [client, hasWallets]);

  return (
    <PrivacyContext.Provider value={privacy}>
      <div className={privacy ? 'app privacy' : 'app'}>
        <nav className="sidebar" aria-label="Main">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              τ
            </span>
            Taofolio
          </div>
          <ul>
            {PAGES.map((p) => (
              <li key={p.id}>
                <a href={`#/${p.id}`} aria-current={p.id === nav ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
          <FrameToggles privacy={privacy} />
          <SyncIndicator />
          <p className="sidebar-foot">Local only · no telemetry</p>
        </nav>
        <main className="content">
          <HostLinkBanner />
          {unknown !== null ? (
            <NotFound hash={unknown} />
          ) : route ? (
            <FirstRunGate>{renderRoute(route)}</FirstRunGate>
          ) : wallets.error ? (
            <ErrorNote error={wallets.error} />
          ) : (
            <p className="muted" role="status">
              Loading…
            </p>
          )}
        </main>
      </div>
    </PrivacyContext.Provider>
  );
}
