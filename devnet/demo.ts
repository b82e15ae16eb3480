/**
 * npm run demo: starts the devnet's `demo` scenario on 127.0.0.1:9944 with live 12 s blocks and the
 * demo wallet, ready for the app (point its endpoint at the printed URL and add DEMO_COLDKEY).
 */
import { DEMO_COLDKEY, startDevnet } from './index.js';

const dn = await startDevnet({ scenario: 'demo', seed: 1, port: Number(process.env['DEVNET_PORT'] ?? 9944), blockMs: 12_000 });
console.log(`devnet demo chain at ${dn.url} (head #${dn.head()}, startup ${Math.round(dn.startupMs)} ms)`);
console.log(`demo wallet: ${DEMO_COLDKEY}`);
console.log('start the app with endpoint', dn.url);
const stop = () => void dn.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
