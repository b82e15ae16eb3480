/**
 * npm run demo: the devnet's `demo` scenario on 127.0.0.1:9944 with live 12 s blocks, its history
 * ending now (timestamps follow the wall clock), the demo wallet acting now and then, and how to point
 * the app at it.
 */
import { DEMO_COLDKEY, startDevnet } from './index.js';

const port = Number(process.env['DEVNET_PORT'] ?? 9944);
const dn = await startDevnet({ scenario: 'demo', seed: 1, port, blockMs: 12_000, headTime: Date.now() }).catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
console.log(`devnet demo chain at ${dn.url} (head #${dn.head()}, startup ${Math.round(dn.startupMs)} ms)`);
console.log(`demo wallet: ${DEMO_COLDKEY}`);
console.log('Use it from the app:');
console.log('  npm run web            → open the printed URL, Settings → endpoint ' + dn.url + ', Wallets → add the demo wallet');
console.log(`  npm run cli -- --endpoint ${dn.url} wallet add ${DEMO_COLDKEY} && npm run cli -- --endpoint ${dn.url} sync --once`);
const stop = () => void dn.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
