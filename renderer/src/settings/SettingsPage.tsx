import './settings.css';
import { useQuery } from '@tanstack/react-query';
import { ErrorNote } from '../app/ErrorNote';
import { AccountingCard } from './AccountingCard';
import { BackupsSection } from './BackupsSection';
import { EndpointChooser } from './EndpointChooser';
import { FiatImport } from './FiatImport';
import { SecuritySection } from './SecuritySection';
import { appQueries, settingsQueries } from './queries';

export function SettingsPage() {
  const settings = useQuery(settingsQueries.get());
  const info = useQuery(appQueries.info());
  if (!settings.data) return <ErrorNote error={settings.error} />;
  const s = settings.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Settings</h1>
      </header>

      <EndpointChooser key={s.endpoint ?? ''} saved={s.endpoint} />
      <AccountingCard key={s.fiatCurrency} settings={s} />
      <FiatImport currency={s.fiatCurrency} />
      <SecuritySection />
      <BackupsSection />

      {info.data && (
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About</h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.data.version}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{info.data.dataDir}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{info.data.databasePath}</code> (schema {info.data.schemaVersion})
            </dd>
            <dt>Privacy</dt>
            <dd>
              No telemetry, no third-party APIs. Your data never leaves this machine except requests to your endpoint.
            </dd>
          </dl>
          <p className="small">
            <a href="#/welcome">Run the setup again</a>
          </p>
        </section>
      )}
    </section>
  );
}
