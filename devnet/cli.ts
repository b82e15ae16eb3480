/**
 * `npm run devnet` (usage below; --head-now: the history ends at the current time instead of the
 * scenario's fixed date). Prints the URL, the scenario's user coldkeys, startup time and memory.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SCENARIOS, startDevnet } from './index.js';

const USAGE = `Usage: npm run devnet -- [--scenario NAME] [--seed N] [--port P] [--block-ms MS] [--truth FILE]
  [--latency MS] [--drop-rate R] [--error-rate R] [--pruned] [--reorg-rate R] [--head-now]
  [--rpc-methods safe|unsafe]
--rpc-methods: as Substrate's; safe (default) refuses state_queryStorage like a public endpoint,
unsafe serves it like your own node on localhost.
Scenarios: ${Object.keys(SCENARIOS).join(', ')} (default demo). --port 0 picks a free port.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  seed: { type: 'string', default: '1' },
  scenario: { type: 'string', default: 'demo' },
  port: { type: 'string', default: '9944' },
  'block-ms': { type: 'string', default: '12000' },
  truth: { type: 'string' },
  latency: { type: 'string' },
  'drop-rate': { type: 'string' },
  'error-rate': { type: 'string' },
  pruned: { type: 'boolean', default: false },
  'reorg-rate': { type: 'string' },
  'head-now': { type: 'boolean', default: false },
  'rpc-methods': { type: 'string', default: 'safe' },
} as const satisfies ParseArgsConfig['options'];

function args() {
  try {
    return parseArgs({ options: OPTIONS, allowPositionals: false }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(1);
  }
}

const values = args();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!Object.hasOwn(SCENARIOS, values.scenario)) {
  console.error(`Unknown scenario "${values.scenario}".\n${USAGE}`);
  process.exit(1);
}

if (values['rpc-methods'] !== 'safe' && values['rpc-methods'] !== 'unsafe') {
  console.error(`--rpc-methods takes safe or unsafe.\n${USAGE}`);
  process.exit(1);
}
const rpcMethods = values['rpc-methods'];

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

try {
  const dn = await startDevnet({
    seed: Number(values.seed),
    scenario: values.scenario,
    port: Number(values.port),
    blockMs: Number(values['block-ms']),
    truthFile: values.truth,
    headTime: values['head-now'] ? Date.now() : undefined,
    rpcMethods,
    faults: {
      latencyMs: num(values.latency),
      dropRate: num(values['drop-rate']),
      errorRate: num(values['error-rate']),
      pruned: values.pruned,
      reorgRate: num(values['reorg-rate']),
    },
  });
  // The key listings' index, built before the first client connects (a node's trie needs none).
  dn.chain.indexKeys();
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  console.log(
    `devnet scenario=${values.scenario} seed=${values.seed} head=#${dn.head()} startup=${Math.round(dn.startupMs)}ms rss=${rssMb}MB`,
  );
  console.log(`user coldkeys: ${dn.coldkeys.join(' ')}`);
  if (values.truth) console.log(`truth: ${values.truth}`);
  console.log(dn.url);
  const stop = () => {
    void dn.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
