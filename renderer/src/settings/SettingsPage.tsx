import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useState } from 'react';
import { ENDPOINT_SUGGESTION, type ArgsOf } from '../../../shared/api';
import { send } from '../api/client';
import { ErrorNote } from '../app/ErrorNote';
import { VocabSelect } from '../app/VocabSelect';
import { COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import { BackupsSection } from './BackupsSection';
import { FiatImport } from './FiatImport';
import { appQueries, settingsQueries } from './queries';
import { ChainStatusNote } from '../sync/ChainStatusNote';

type SaveMutation = UseMutationResult<unknown, Error, ArgsOf<'settings:update'>>;

export function SettingsPage() {
  const client = useQueryClient();
  const settings = useQuery(settingsQueries.get());
  const info = useQuery(appQueries.info());
  const save = useMutation({
    mutationFn: (patch: ArgsOf<'settings:update'>) => send('settings:update', patch),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsQueries.all() }),
  });
  if (!settings.data) return <ErrorNote error={settings.error} />;
  const s = settings.data;

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Settings</h1>
      </header>

      <EndpointForm key={s.endpoint ?? ''} saved={s.endpoint ?? ''} save={save} />

      <div className="card">
        <h2>Accounting</h2>
        <div className="form-grid">
          <label className="field">
            <span>Cost basis method</span>
            <VocabSelect
              vocabulary={COST_BASIS_METHODS}
              value={s.costBasisMethod}
              onChange={(costBasisMethod) => save.mutate({ costBasisMethod })}
            />
          </label>
          <label className="field">
            <span>Emission rewards</span>
            <VocabSelect
              vocabulary={REWARD_TREATMENTS}
              value={s.rewardTreatment}
              onChange={(rewardTreatment) => save.mutate({ rewardTreatment })}
            />
          </label>
          <label className="field">
            <span>Fiat currency</span>
            <input
              defaultValue={s.fiatCurrency}
              maxLength={3}
              onBlur={(e) => save.mutate({ fiatCurrency: e.target.value.toUpperCase() })}
            />
          </label>
          <label className="field checkbox">
            <input
              type="checkbox"
              checked={s.privacyMode}
              onChange={(e) => save.mutate({ privacyMode: e.target.checked })}
            />
            <span>Privacy mode (blur amounts)</span>
          </label>
        </div>
      </div>

      <FiatImport currency={s.fiatCurrency} />

      <BackupsSection />

      {info.data && (
        <div className="card">
          <h2>About</h2>
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
        </div>
      )}
    </section>
  );
}

/** Keyed on the saved endpoint, so a save elsewhere resets the draft without an effect. */
function EndpointForm({ saved, save }: { saved: string; save: SaveMutation }) {
  const [endpoint, setEndpoint] = useState(saved);
  return (
    <form
      className="card"
      aria-label="Chain endpoint"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ endpoint });
      }}
    >
      <h2>Chain endpoint</h2>
      <p className="muted">
        The only network peer Taofolio talks to. Full history needs an <strong>archive node</strong>; running your own
        is the most private choice. Nothing connects until you save one here. A public one:{' '}
        <code>{ENDPOINT_SUGGESTION}</code>.
      </p>
      <div className="form-actions">
        <label className="field field-wide">
          <span>WebSocket URL</span>
          <input
            value={endpoint}
            placeholder={ENDPOINT_SUGGESTION}
            onChange={(e) => setEndpoint(e.target.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save endpoint
        </button>
      </div>
      <ErrorNote error={save.error} />
      <ChainStatusNote />
    </form>
  );
}
