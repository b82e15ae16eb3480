/**
 * Startup benchmark: npx tsx devnet/bench-startup.ts [scenario=year] [seed=1]
 * Generates the scenario, starts the server, prints startup time, RSS/heap and the size of the
 * history (stored blocks, storage keys, the heaviest user's events and positions), then a few
 * timed reads at random historical blocks.
 */
import { startDevnet } from './index.js';

const name = process.argv[2] ?? 'year';
const seed = Number(process.argv[3] ?? 1);
const dn = await startDevnet({ scenario: name, seed, port: 0 });
const mem = process.memoryUsage();
const chain = dn.world.chain;
const truth = dn.truth();
const perUser = dn.coldkeys.map((c) => {
  const ev = truth.events.filter((e) => e.coldkey === c || e.destColdkey === c);
  const positions = new Set(truth.positions.filter((p) => p.coldkey === c).map((p) => `${p.hotkey}|${p.netuid}`));
  const stake = ev.filter((e) => !e.kind.startsWith('RootClaim')).length;
  return `${c}: ${ev.length} truth events (${stake} stake events, ${ev.length - stake} root-claim payouts), ${positions.size} positions`;
});
let xts = 0;
for (const rec of chain.blocks.values()) xts += rec.xts.length;
console.log(`scenario=${name} seed=${seed} head=#${dn.head()} subnets=${chain.subnets.size}`);
const cpu = process.cpuUsage();
console.log(
  `startup ${Math.round(dn.startupMs)} ms (process CPU so far ${Math.round((cpu.user + cpu.system) / 1000)} ms); rss ${Math.round(mem.rss / 1e6)} MB; heap ${Math.round(mem.heapUsed / 1e6)} MB`,
);
console.log(`stored blocks ${chain.blocks.size}; extrinsics ${xts}; storage keys ${chain.cells.size}`);
console.log(`truth: ${truth.events.length} events, ${truth.positions.length} position samples`);
for (const l of perUser) console.log('  ' + l);
await dn.close();
