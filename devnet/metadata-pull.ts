/**
 * npm run metadata:pull -- --endpoint wss://entrypoint-finney.opentensor.ai:443 [--out DIR]
 * Records state_getMetadata (V14) and Metadata_metadata_at_version(15/16) of the node's current
 * runtime (and its rpc_methods list) into .metadata-cache/ (gitignored), one file per runtime and metadata version.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { CACHE_DIR } from './scale/metadata-files.js';

const { values } = parseArgs({ options: { endpoint: { type: 'string' }, out: { type: 'string' } } });
if (!values.endpoint) {
  console.error('usage: npm run metadata:pull -- --endpoint wss://<node> [--out DIR]');
  process.exit(2);
}
const out = values.out ?? CACHE_DIR;
const ws = new WebSocket(values.endpoint);
let nextId = 1;
const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
ws.on('message', (d) => {
  const m = JSON.parse(String(d)) as { id?: number; result?: unknown; error?: { message: string } };
  if (m.id !== undefined) pending.get(m.id)?.(m);
});
function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result as T)));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}
await new Promise<void>((resolve, reject) => {
  ws.once('open', () => resolve());
  ws.once('error', reject);
});
try {
  const head = await rpc<string>('chain_getBlockHash', []);
  const version = await rpc<{ specVersion: number }>('state_getRuntimeVersion', [head]);
  const spec = version.specVersion;
  mkdirSync(out, { recursive: true });
  const v14 = await rpc<string>('state_getMetadata', [head]);
  writeFileSync(join(out, `finney_spec${spec}_metadata_v14.hex`), v14);
  const versionsHex = await rpc<string>('state_call', ['Metadata_metadata_versions', '0x', head]);
  const bytes = Buffer.from(versionsHex.slice(2), 'hex');
  const versions: number[] = [];
  // SCALE Vec<u32>: compact length (single byte for small counts) then u32 LE each
  for (let i = 1; i + 4 <= bytes.length; i += 4) versions.push(bytes.readUInt32LE(i));
  for (const v of versions.filter((x) => x === 15 || x === 16)) {
    const arg = '0x' + Buffer.from([v, 0, 0, 0]).toString('hex');
    const res = await rpc<string>('state_call', ['Metadata_metadata_at_version', arg, head]);
    writeFileSync(join(out, `finney_spec${spec}_metadata_at_version${v}.hex`), res);
  }
  // The node's rpc_methods list, so the devnet can advertise the same methods (PJS filters by it).
  const methods = await rpc<{ methods: string[] }>('rpc_methods', []);
  writeFileSync(join(out, 'rpc_methods.json'), JSON.stringify(methods.methods, null, 1));
  console.log(`spec ${spec}: wrote V14 + V${versions.filter((x) => x >= 15).join('/V')} to ${out}`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  ws.close();
}
