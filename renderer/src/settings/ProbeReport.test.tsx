import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EndpointProbe } from '../../../shared/api';
import { ProbeReport, probeFailure } from './ProbeReport';

const failed = (code: EndpointProbe['code'], message: string | null): EndpointProbe => ({
  endpoint: 'ws://127.0.0.1:9',
  ok: false,
  code,
  message,
  chain: null,
  genesis: null,
  node: null,
  specName: null,
  specVersion: null,
  finalized: null,
  history: null,
  latencyMs: null,
});

describe('a failed connection test', () => {
  it('says an unreachable node once: the URL, then why (not "Cannot reach endpoint — Cannot reach ws://…")', () => {
    render(<ProbeReport probe={failed('unreachable', 'Cannot reach ws://127.0.0.1:9.')} />);
    const text = screen.getByTestId('probe-report').textContent!;
    expect(text).toBe('Cannot reach ws://127.0.0.1:9. The node did not answer or dropped the connection.');
    expect(text.match(/Cannot reach/g)).toHaveLength(1);
  });

  it('keeps the label where the message says something else, and the reason where there is no message', () => {
    expect(probeFailure(failed('unreachable', 'No answer from ws://127.0.0.1:9 within 15 s.'))).toEqual({
      title: 'Cannot reach endpoint:',
      reason: 'No answer from ws://127.0.0.1:9 within 15 s.',
    });
    expect(probeFailure(failed('wrong-chain', 'ws://x is not Bittensor finney.'))).toEqual({
      title: 'Wrong chain:',
      reason: 'ws://x is not Bittensor finney.',
    });
    expect(probeFailure(failed('rpc-error', null))).toEqual({
      title: 'Node error',
      reason: 'The node refused a request.',
    });
    expect(probeFailure(failed(null, null))).toEqual({ title: 'Test failed', reason: null });
  });
});
