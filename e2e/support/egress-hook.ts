// Loaded into the web host process by tests (`--import`): reports every outbound TCP connection the
// backend opens, one `TAOFOLIO_EGRESS host:port` line each on stderr, so a test can prove what was
// dialled (and that nothing was).
import { recordEgress } from '../../main/test/egress';
import { EGRESS_PREFIX } from './egress-prefix';

recordEgress((r) => process.stderr.write(`${EGRESS_PREFIX}${r.host}:${r.port}\n`));
