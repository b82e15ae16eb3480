import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { walletQueries } from '../wallets/queries';
import { Onboarding, WELCOME_HASH } from './Onboarding';
import { settingsQueries } from './queries';

/**
 * Shows the onboarding instead of the page on a fresh install (no wallet, no endpoint) opened without
 * a page in its address, and whenever the address is #/welcome; every other page stays reachable.
 */
export function FirstRunGate({ children }: { children: React.ReactNode }) {
  const [hash, setHash] = useState(() => window.location.hash);
  const wallets = useQuery(walletQueries.list());
  const settings = useQuery(settingsQueries.get());
  const known = wallets.data !== undefined && settings.data !== undefined;
  const fresh = known && wallets.data.length === 0 && settings.data.endpoint === null;
  useEffect(() => {
    const onHash = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Stay in the onboarding while it runs (adding the wallet ends "fresh"), and across reloads.
  const [latched, setLatched] = useState(false);
  if (!latched && hash === '' && fresh) setLatched(true);
  useEffect(() => {
    if (latched && window.location.hash === '') window.history.replaceState(window.history.state, '', WELCOME_HASH);
  }, [latched]);
  if (hash === WELCOME_HASH || (hash === '' && (fresh || latched))) return <Onboarding />;
  // Without a page in the address, wait to know whether this is a first run rather than flash a page.
  if (hash === '' && !known && !wallets.error && !settings.error) return null;
  return <>{children}</>;
}
