/**
 * Programmatic entry point: startDevnet() generates a scenario's history, serves it over WebSocket
 * JSON-RPC and (optionally) produces live blocks. See devnet/README.md.
 */
import { writeFileSync } from 'node:fs';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { Action, Chain } from './chain/chain.js';
import { World } from './chain/world.js';
import type { ScenarioConfig } from './chain/world.js';
import { SUDO, toAcc, ss58 } from './chain/accounts.js';
import type { Acc } from './chain/accounts.js';
import { Rng } from './chain/rng.js';
import { scenario } from './scenarios/index.js';
import type { Faults } from './faults.js';
import { Handlers, type RpcMethodsPolicy } from './rpc/handlers.js';
import { RpcServer } from './rpc/server.js';
import { blockHash } from './chain/headers.js';
import { buildTruth } from './truth.js';
import type { Truth } from './truth.js';
import { runtimeFor } from './scale/runtime.js';

export type { Truth } from './truth.js';
export type { Faults } from './faults.js';
export { DEMO_COLDKEY, SCENARIOS } from './scenarios/index.js';
export { METADATA_HELP } from './scale/metadata-files.js';

export interface DevnetOptions {
  seed?: number;
  scenario?: string | ScenarioConfig;
  /** 0 = random free port; default 9944 */
  port?: number;
  /** live block interval; 0 or undefined = no timer (call produceBlocks) */
  blockMs?: number;
  faults?: Faults;
  /** unix ms of the history's head block (default: the scenario's fixed time, for determinism) */
  headTime?: number;
  /** write the ground truth here at startup, during live mode (≤ every 30 s) and on close */
  truthFile?: string;
  /**
   * Generate the scenario's history only up to this head (finalized = historyTo − 2), as if the node
   * were stopped there: the blocks are those of the full history (same scenario length and head time,
   * so the same schedule), the later ones just not made yet. Default: the scenario's length.
   */
  historyTo?: number;
  /**
   * Substrate's `--rpc-methods`: 'safe' (default) refuses `state_queryStorage` as a public endpoint
   * does; 'unsafe' serves it, as a user's own node does to the app on localhost (`auto`).
   */
  rpcMethods?: RpcMethodsPolicy;
}

/**
 * A user action for submit(): the chain's own actions a user can sign (no balance transfer or
 * runtime upgrade); accounts given as ss58 or 0x-hex, amounts in rao/alpha-rao.
 */
export type SubmitAction = Exclude<Action, { kind: 'transfer' | 'set_code' }>;

export interface SubmitHandle {
  /** block and extrinsic index (phase ApplyExtrinsic) once included; ok = false for a failed call */
  included(): { block: number; extrinsicIndex: number; ok: boolean } | undefined;
}

export interface Devnet {
  url: string;
  port: number;
  world: World;
  /** the simulated chain (state at any block: chain.stake(hot, cold, netuid, block), chain.subnetTao(n, b), …) */
  chain: Chain;
  /** user coldkeys (ss58) of the scenario, i.e. those in the truth */
  coldkeys: string[];
  head(): number;
  finalized(): number;
  hashOf(block: number): string;
  truth(): Truth;
  writeTruth(file: string): void;
  /** queue a signed user action for the next block; the handle tells where it landed */
  submit(action: SubmitAction): SubmitHandle;
  /**
   * Test hook: in the next live block, change the coldkey's first open subnet position by `alpha`
   * (signed α-rao) silently — no event, no rule explains it. Recorded in the truth's `injected`.
   */
  injectAlpha(coldkey: string, alpha: bigint): void;
  /** produce n blocks now (finality lags 2 behind); returns the new head */
  produceBlocks(n?: number): number;
  /** reorg: replace the last `depth` non-finalized blocks by a new fork */
  reorg(depth?: number): void;
  setFaults(f: Faults): void;
  requestCounts(): Record<string, number>;
  resetRequestCounts(): void;
  /** drop all client connections */
  dropConnections(): void;
  startupMs: number;
  close(): Promise<void>;
}

const FINALITY_LAG = 2;

export async function startDevnet(opts: DevnetOptions = {}): Promise<Devnet> {
  const t0 = performance.now();
  await cryptoWaitReady();
  const seed = opts.seed ?? 1;
  const base = typeof opts.scenario === 'object' ? opts.scenario : scenario(opts.scenario ?? 'demo');
  const cfg = opts.headTime === undefined ? base : { ...base, headTime: opts.headTime };
  // Load every runtime up front so a missing metadata file fails at startup, not mid-request.
  for (const s of cfg.specs) runtimeFor(s.spec);
  const world = new World(seed, cfg);
  world.genesis();
  const head = Math.min(cfg.blocks, opts.historyTo ?? cfg.blocks);
  // History below finality needs no rollback data; the last FINALITY_LAG blocks can still be reorganised.
  world.generate(Math.max(0, head - FINALITY_LAG));
  const chain = world.chain;
  chain.trackTouched = true;
  world.generate(head);
  let faults: Faults = { ...(opts.faults ?? {}) };
  const finalized = () => Math.max(0, chain.head - FINALITY_LAG);
  const rpcMethods = opts.rpcMethods ?? 'safe';
  const node = { chain, finalized, faults: () => faults, rpcMethods: () => rpcMethods };
  const handlers = new Handlers(node);
  const faultRng = new Rng(`${seed}:faults`);
  const server = new RpcServer(node, handlers, faultRng);
  const port = await server.listen(opts.port ?? 9944);
  const url = `ws://127.0.0.1:${port}`;
  chain.pruneRollback(finalized());

  const reorg = (depth = 2) => {
    const keep = Math.max(finalized(), chain.head - depth);
    const oldHead = chain.head;
    if (keep >= oldHead) return;
    world.requeue(chain.rollbackAfter(keep));
    while (chain.head < oldHead) world.produceNext();
  };

  const truth = () => buildTruth(chain, url, finalized());
  const writeTruth = (file: string) => writeFileSync(file, JSON.stringify(truth(), null, 1));

  const produceBlocks = (n = 1) => {
    for (let i = 0; i < n; i++) {
      if (faults.reorgRate && faultRng.chance(faults.reorgRate)) reorg(FINALITY_LAG);
      world.produceNext();
      chain.pruneRollback(finalized());
    }
    server.notifyAll();
    // The year truth is ~80 MB: refresh the file at most every 30 s of live blocks (and on close).
    if (opts.truthFile && performance.now() - lastTruthWrite > 30_000) {
      writeTruth(opts.truthFile);
      lastTruthWrite = performance.now();
    }
    return chain.head;
  };

  let lastTruthWrite = performance.now();
  let timer: NodeJS.Timeout | undefined;
  if (opts.blockMs && opts.blockMs > 0) timer = setInterval(() => produceBlocks(1), opts.blockMs);
  if (opts.truthFile) writeTruth(opts.truthFile);

  return {
    url,
    port,
    world,
    chain,
    coldkeys: world.userColdkeys.map(ss58),
    head: () => chain.head,
    finalized,
    hashOf: (b) => blockHash(chain, b),
    truth,
    writeTruth,
    submit: (a) => {
      const action = toAction(a);
      world.submit(action);
      return { included: () => world.includedAt(action) };
    },
    injectAlpha: (coldkey, alpha) => world.script.queueInjection(toAcc(coldkey), alpha),
    produceBlocks,
    reorg: (d) => {
      reorg(d);
      server.notifyAll();
    },
    setFaults: (f) => {
      faults = { ...f, ...(f.errorOnce ? { errorOnce: [...f.errorOnce] } : {}) };
    },
    requestCounts: () => Object.fromEntries(server.requestCounts),
    resetRequestCounts: () => server.requestCounts.clear(),
    dropConnections: () => server.dropAll(),
    startupMs: performance.now() - t0,
    close: async () => {
      if (timer) clearInterval(timer);
      if (opts.truthFile) writeTruth(opts.truthFile);
      await server.close();
    },
  };
}

function toAction(a: SubmitAction): Action {
  const acc = (s: string): Acc => toAcc(s);
  switch (a.kind) {
    case 'add_stake':
    case 'remove_stake':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey) };
    case 'unstake_all':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey) };
    case 'move_stake':
      return { ...a, coldkey: acc(a.coldkey), originHotkey: acc(a.originHotkey), destHotkey: acc(a.destHotkey) };
    case 'transfer_stake':
      return { ...a, coldkey: acc(a.coldkey), destColdkey: acc(a.destColdkey), hotkey: acc(a.hotkey) };
    case 'swap_stake':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey) };
    case 'set_root_claim_type':
      return { ...a, coldkey: acc(a.coldkey) };
    case 'recycle_alpha':
    case 'burn_alpha':
    case 'lock_stake':
    case 'add_stake_burn':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey) };
    case 'move_lock':
      return { ...a, coldkey: acc(a.coldkey), destHotkey: acc(a.destHotkey) };
    case 'swap_hotkey':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey), newHotkey: acc(a.newHotkey) };
    case 'swap_coldkey':
      // a root call: the devnet's sudo key signs it whatever `coldkey` says
      return { ...a, coldkey: SUDO, oldColdkey: acc(a.oldColdkey), newColdkey: acc(a.newColdkey) };
    case 'dissolve_network':
      return { ...a, coldkey: SUDO };
    case 'claim_root':
      return { ...a, coldkey: acc(a.coldkey), ...(a.hotkey ? { hotkey: acc(a.hotkey) } : {}) };
    case 'stake_into_basket':
    case 'add_collateral':
    case 'set_coldkey_auto_stake_hotkey':
      return { ...a, coldkey: acc(a.coldkey), hotkey: acc(a.hotkey) };
    case 'transfer_stake_and_hotkey':
      return {
        ...a,
        coldkey: acc(a.coldkey),
        destColdkey: acc(a.destColdkey),
        originHotkey: acc(a.originHotkey),
        destHotkey: acc(a.destHotkey),
      };
    case 'limit_orders':
      return {
        ...a,
        coldkey: acc(a.coldkey),
        orders: a.orders.map((o) => ({
          ...o,
          signer: acc(o.signer),
          hotkey: acc(o.hotkey),
          feeRecipient: acc(o.feeRecipient),
        })),
      };
  }
}
