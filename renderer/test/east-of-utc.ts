// Imported first by a test file (before the modules under test): the machine's zone becomes Auckland,
// east of UTC (UTC+13 in December), where a UTC day's last hours are already the next local day. A
// formatter with no time zone takes the machine's when it is built, so this must run before it loads.
// The zone the file found is put back after its tests.
import { afterAll } from 'vitest';

const before = process.env.TZ;
process.env.TZ = 'Pacific/Auckland';
afterAll(() => {
  if (before === undefined) delete process.env.TZ;
  else process.env.TZ = before;
});
