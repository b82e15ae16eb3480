import type { EndpointProbe } from '../../../shared/api';
import { CHAIN_ERROR_CODES } from '../../../shared/vocab';
import { restates } from '../app/said-once';

const HISTORY: Record<NonNullable<EndpointProbe['history']>, { label: string; tone: 'note' | 'error' }> = {
  archive: { label: 'Archive node: full history can be read', tone: 'note' },
  pruned: { label: 'Pruned node: recent blocks only; full history needs an archive node', tone: 'error' },
  unknown: { label: 'Unknown: the node did not say whether it keeps old state', tone: 'error' },
};

/**
 * A failed test in one statement: what failed, then why. The node's message names the URL and is the
 * headline where it says what the error's label says ("Cannot reach ws://…" under "Cannot reach
 * endpoint" read "Cannot reach endpoint — Cannot reach ws://…"); the label's help is then the reason.
 */
export function probeFailure(probe: Pick<EndpointProbe, 'code' | 'message'>): { title: string; reason: string | null } {
  const term = probe.code ? CHAIN_ERROR_CODES[probe.code] : null;
  const label = term?.label ?? 'Test failed';
  const message = probe.message?.trim() || null;
  if (!message) return { title: label, reason: term?.help ?? null };
  if (restates(label, message)) return { title: message, reason: term?.help ?? null };
  return { title: `${label}:`, reason: message };
}

/** What a connection test found, in plain words; nothing was saved. */
export function ProbeReport({ probe }: { probe: EndpointProbe }) {
  if (!probe.ok) {
    const { title, reason } = probeFailure(probe);
    return (
      <div className="probe-report" role="status" data-testid="probe-report" data-ok="false">
        <p className="error">
          <strong>{title}</strong>
          {reason ? ` ${reason}` : ''}
        </p>
      </div>
    );
  }
  const history = probe.history ? HISTORY[probe.history] : null;
  return (
    <div className="probe-report" role="status" data-testid="probe-report" data-ok="true">
      <p className="note">
        <strong>Reachable.</strong> Tested {probe.endpoint}; nothing was saved.
      </p>
      <dl className="facts">
        <dt>Chain</dt>
        <dd data-testid="probe-chain">{probe.chain ?? '—'}</dd>
        <dt>Genesis</dt>
        <dd>
          <code title={probe.genesis ?? undefined} data-testid="probe-genesis">
            {probe.genesis ? `${probe.genesis.slice(0, 10)}…${probe.genesis.slice(-6)}` : '—'}
          </code>
          {/* The client refuses any other genesis before a test can succeed. */}
          {' (Bittensor finney)'}
        </dd>
        <dt>Runtime</dt>
        <dd data-testid="probe-runtime">
          {probe.specName ?? '—'}
          {probe.specVersion !== null ? ` spec ${probe.specVersion}` : ''}
        </dd>
        <dt>Node</dt>
        <dd>{probe.node ?? '—'}</dd>
        <dt>Finalized block</dt>
        <dd>{probe.finalized === null ? '—' : `#${probe.finalized.toLocaleString('en')}`}</dd>
        <dt>History</dt>
        <dd className={history?.tone} data-testid="probe-history" data-history={probe.history ?? ''}>
          {history?.label ?? '—'}
        </dd>
        <dt>Round trip</dt>
        <dd>{probe.latencyMs === null ? '—' : `${probe.latencyMs} ms`}</dd>
      </dl>
    </div>
  );
}
