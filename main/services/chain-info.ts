// What the UI needs to tell the truth about the chain: a connection test of an endpoint the user
// is considering (nothing saved, closed afterwards), how far the valuations' prices lag the chain
// head, and the validator names sync cached (docs/chain/identities.md).
import type { EndpointProbe, Handlers } from '../../shared/api';
import { redactEndpoint } from '../../shared/redact';
import { ChainClient, ChainError, isPrunedError } from '../chain/client';
import { identitiesRepo } from '../db/repos/identities';
import type { ServiceContext } from './context';

export type ChainInfoHandlers = Pick<Handlers, 'chain:probe' | 'valuation:freshness' | 'chain:identities'>;

const PROBE_TIMEOUT_MS = 15_000;

function unknownProbe(endpoint: string): EndpointProbe {
  return {
    endpoint,
    ok: false,
    code: null,
    message: null,
    chain: null,
    genesis: null,
    node: null,
    specName: null,
    specVersion: null,
    finalized: null,
    history: null,
    latencyMs: null,
  };
}

/**
 * Whether the node keeps old state: the runtime version at block 1 needs that block's state, which
 * a pruned node has discarded (JSON-RPC 4003) and an archive node keeps (docs/chain/endpoints.md).
 */
async function historyKind(client: ChainClient): Promise<EndpointProbe['history']> {
  try {
    const first = await client.rpc<string | null>('chain_getBlockHash', [1], 'the hash of block 1');
    if (typeof first !== 'string') return 'unknown';
    await client.rpc('state_getRuntimeVersion', [first], 'the runtime of block 1');
    return 'archive';
  } catch (error) {
    return isPrunedError(error) ? 'pruned' : 'unknown';
  }
}

/** Connect once through the same client sync uses (so the same chain checks apply) and report. */
export async function probeEndpoint(endpoint: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<EndpointProbe> {
  const found = unknownProbe(redactEndpoint(endpoint));
  let client: ChainClient;
  try {
    client = new ChainClient({ endpoint, reconnect: false, connectTimeoutMs: timeoutMs, requestTimeoutMs: timeoutMs });
  } catch (error) {
    const e = error as ChainError;
    return { ...found, code: e.code ?? 'invalid-endpoint', message: e.message };
  }
  try {
    const api = await client.connect();
    found.genesis = api.genesisHash.toHex();
    found.specName = api.runtimeVersion.specName.toString();
    found.specVersion = api.runtimeVersion.specVersion.toNumber();
    const started = performance.now();
    found.chain = await client.rpc<string>('system_chain', []);
    found.latencyMs = Math.round(performance.now() - started);
    const [name, version] = await Promise.all([
      client.rpc<string>('system_name', []).catch(() => null),
      client.rpc<string>('system_version', []).catch(() => null),
    ]);
    found.node = name === null ? null : `${name}${version ? ` ${version}` : ''}`;
    const head = await client.rpc<string>('chain_getFinalizedHead', [], 'the finalized head');
    const header = await client.rpc<{ number: string }>('chain_getHeader', [head], 'the finalized header');
    found.finalized = Number.parseInt(header.number, 16);
    found.history = await historyKind(client);
    found.ok = true;
    if (found.history === 'pruned')
      found.message =
        'This node keeps only recent state: tracking works from now on, but full history needs an archive node.';
  } catch (error) {
    const e = error instanceof ChainError ? error : new ChainError('unreachable', (error as Error).message);
    found.ok = false;
    found.code = e.code;
    found.message = e.message;
  } finally {
    await client.close();
  }
  return found;
}

export function chainInfoHandlers(ctx: ServiceContext): ChainInfoHandlers {
  const newestPrices = ctx.db.prepare<[], { block: bigint; timestamp: bigint | null }>(`
    SELECT s.block_number AS block, b.timestamp FROM subnet_snapshots s LEFT JOIN blocks b ON b.number = s.block_number
    ORDER BY s.block_number DESC LIMIT 1`);
  const newestFinalized = ctx.db.prepare<[], { head: bigint | null }>(
    'SELECT MAX(last_finalized) AS head FROM sync_state',
  );
  const identities = identitiesRepo(ctx.db);
  return {
    'chain:probe': ({ endpoint }) => probeEndpoint(endpoint),
    'chain:identities': () => identities.list(),
    'valuation:freshness': () => {
      const prices = newestPrices.get();
      const stored = newestFinalized.get()?.head ?? null;
      const live = ctx.sync.chainStatus().bestFinalized;
      const heads = [live, stored === null ? null : Number(stored)].filter((n): n is number => n !== null);
      return {
        pricesBlock: prices ? Number(prices.block) : null,
        pricesTimestamp: prices?.timestamp === undefined || prices.timestamp === null ? null : Number(prices.timestamp),
        headBlock: heads.length > 0 ? Math.max(...heads) : null,
      };
    },
  };
}
