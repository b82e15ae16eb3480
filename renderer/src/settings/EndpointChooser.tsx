import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ENDPOINT_SUGGESTION } from '../../../shared/api';
import { ApiCallError, send } from '../api/client';
import { errorMessage } from '../app/ErrorNote';
import { TextField } from '../app/TextField';
import { ChainStatusNote } from '../sync/ChainStatusNote';
import { ProbeReport } from './ProbeReport';
import { settingsQueries } from './queries';

const LOCAL_NODE = 'ws://127.0.0.1:9944';

/**
 * Choose the one node Taofolio reads from. Your own node is recommended; the public endpoint is one
 * click, labelled for what it is: a third party that sees which addresses you ask about. Nothing
 * connects until a choice is saved (a connection test connects once, to the URL typed, on request).
 */
export function EndpointChooser({ saved, onSaved }: { saved: string | null; onSaved?: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(saved === ENDPOINT_SUGGESTION ? '' : (saved ?? ''));
  const save = useMutation({
    mutationFn: (endpoint: string | null) => send('settings:update', { endpoint }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: settingsQueries.all() });
      onSaved?.();
    },
  });
  const probe = useMutation({ mutationFn: (endpoint: string) => send('chain:probe', { endpoint }) });
  const fieldError =
    save.error instanceof ApiCallError && save.error.error.field === 'endpoint'
      ? save.error.error.message
      : probe.error instanceof ApiCallError && probe.error.error.field === 'endpoint'
        ? probe.error.error.message
        : null;
  const otherError = save.error && !fieldError ? errorMessage(save.error) : null;
  const usingPublic = saved === ENDPOINT_SUGGESTION;

  return (
    <section className="card endpoint-chooser" aria-labelledby="endpoint-title">
      <h2 id="endpoint-title">Chain endpoint</h2>
      <p className="muted">
        The only network peer Taofolio talks to. It reads your wallets’ stake history from this node; nothing connects
        until you choose one.
        {saved ? (
          <>
            {' '}
            Now: <code data-testid="endpoint-current">{saved}</code>.
          </>
        ) : (
          ' None chosen yet.'
        )}
      </p>
      <div className="endpoint-options">
        <form
          className="endpoint-option recommended"
          aria-label="Your own node"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(draft.trim());
          }}
        >
          <h3>
            Your own node <span className="chip">Recommended</span>
          </h3>
          <p className="small muted">
            Most private: no one else learns which addresses you follow. Full history needs an <strong>archive</strong>{' '}
            node (<code>--pruning archive</code>).
          </p>
          <TextField
            label="WebSocket URL"
            value={draft}
            placeholder={LOCAL_NODE}
            onChange={(e) => {
              setDraft(e.target.value);
              probe.reset();
              // A refused save's message is about the URL as it was: typing a new one clears it, as a test's.
              if (save.isError) save.reset();
            }}
            spellCheck={false}
            autoComplete="off"
            error={fieldError}
            errorId="endpoint-error"
          />
          <div className="form-actions">
            <button
              type="button"
              onClick={() => probe.mutate(draft.trim())}
              disabled={probe.isPending || draft.trim() === ''}
            >
              {probe.isPending ? 'Testing…' : 'Test connection'}
            </button>
            <button type="submit" className="primary" disabled={save.isPending || draft.trim() === ''}>
              Use this node
            </button>
          </div>
          {probe.data && <ProbeReport probe={probe.data} />}
        </form>
        <div className="endpoint-option" role="group" aria-label="Public endpoint">
          <h3>
            Public endpoint <span className="chip">Third party</span>
          </h3>
          <p className="small muted">
            <code>{ENDPOINT_SUGGESTION}</code>, run by the OpenTensor Foundation. It sees every address and block
            Taofolio asks about, so it learns which wallets you follow. It may not keep old history.
          </p>
          <button
            type="button"
            onClick={() => save.mutate(ENDPOINT_SUGGESTION)}
            disabled={save.isPending || usingPublic}
          >
            {usingPublic ? 'Using the public endpoint' : 'Use the public endpoint'}
          </button>
        </div>
      </div>
      {otherError && (
        <p className="error" role="alert">
          {otherError}
        </p>
      )}
      {saved && (
        <div className="form-actions">
          <button type="button" className="danger-outline" onClick={() => save.mutate(null)} disabled={save.isPending}>
            Stop and forget this endpoint
          </button>
        </div>
      )}
      <ChainStatusNote />
    </section>
  );
}
