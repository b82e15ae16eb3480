import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { settingsQueries } from '../settings/queries';
import { PAGES, type PageId } from '../pages';
import { SyncIndicator } from '../sync/SyncIndicator';
import { PrivacyContext } from './privacy';

function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return PAGES.some((p) => p.id === id) ? (id as PageId) : 'wallets';
}

export function App() {
  const [page, setPage] = useState<PageId>(pageFromHash);
  useEffect(() => {
    const onHash = () => setPage(pageFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const current = PAGES.find((p) => p.id === page) ?? PAGES[0]!;
  const settings = useQuery(settingsQueries.get());

  const privacy = settings.data?.privacyMode ?? false;
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
                <a href={`#/${p.id}`} aria-current={p.id === page ? 'page' : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
          <SyncIndicator />
          <p className="sidebar-foot">Local only · no telemetry</p>
        </nav>
        <main className="content">{current.render()}</main>
      </div>
    </PrivacyContext.Provider>
  );
}
