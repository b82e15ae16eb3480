/**
 * Named scenarios. Users are the coldkeys whose ground truth is written; the demo wallet is a fixed
 * account (independent of the seed) so the app's demo mode can hard-code it.
 */
import { deriveAccount, ss58 } from '../chain/accounts.js';
import type { ScenarioConfig, UserConfig } from '../chain/scenario.js';

/** The demo wallet used by `npm run demo` (same address for every seed). */
export const DEMO_COLDKEY_HEX = deriveAccount('demo-wallet');
export const DEMO_COLDKEY = ss58(DEMO_COLDKEY_HEX);

const HEAD_TIME = Date.UTC(2026, 10, 20, 12, 0, 0);
const DAY = 7200;

/** The demo chain's size, market and timing (demo343 is its history before it reached 424). */
const demoChain = (name: string) => ({
  name,
  blocks: 21 * DAY,
  subnets: 12,
  validators: 10,
  marketActors: 80,
  marketEvery: 30,
  claimEvery: DAY / 4,
  headTime: HEAD_TIME,
  liveUserEvery: 50,
  lateSubnets: 1,
  epochPayoutEvery: 1,
});

/** The demo wallet (a fixed account) and alice, in both demo chains. */
const demoUsers = (): UserConfig[] => [
  {
    label: 'demo',
    account: DEMO_COLDKEY_HEX,
    balanceTao: 5_000n,
    positions: 8,
    actions: 120,
    rootStakeTao: 300n,
    claimType: 'Keep',
  },
  { label: 'alice', balanceTao: 2_000n, positions: 5, actions: 50, rootStakeTao: 100n, claimType: 'Swap' },
];

type SmallDefaults = 'validators' | 'marketActors' | 'marketEvery' | 'claimEvery' | 'headTime';
/** A small test chain: what every small scenario shares, then what it says itself. */
const small = (
  c: Omit<ScenarioConfig, SmallDefaults> & Partial<Pick<ScenarioConfig, SmallDefaults>>,
): ScenarioConfig => ({
  validators: 6,
  marketActors: 30,
  marketEvery: 20,
  claimEvery: 500,
  headTime: HEAD_TIME,
  epochPayoutEvery: 1,
  ...c,
});

/**
 * The basket era (docs/chain/baskets.md): 393 → 424 @4,000 → 455 @8,000 (the 441 migration: legacy
 * claimable root α becomes fund shares; root dividends go to funds) → 475 @12,000 (V1 shares retired,
 * share pools reconciled, dust rules on claims, phased dissolution). rosa only stakes on root from
 * genesis to the end; olga also trades subnets (root claim type Keep before 441); in the 475 era a
 * validator olga stakes on swaps its hotkey, one of her subnets is dissolved, quin's coldkey is swapped.
 */
const basket475 = small({
  name: 'basket475',
  blocks: 16_000,
  subnets: 7,
  validators: 5,
  marketActors: 24,
  specs: [
    { from: 0, spec: 393 },
    { from: 4_000, spec: 424 },
    { from: 8_000, spec: 455 },
    { from: 12_000, spec: 475 },
  ],
  users: [
    { label: 'olga', balanceTao: 3_000n, positions: 6, actions: 90, rootStakeTao: 200n, claimType: 'Keep' },
    { label: 'rosa', balanceTao: 400n, positions: 1, actions: 8, rootStakeTao: 300n },
    { label: 'pia', balanceTao: 600n, positions: 3, actions: 40, allIn: true },
    { label: 'quin', balanceTao: 1_000n, positions: 3, actions: 30, rootStakeTao: 50n },
  ],
  script: { hotkeySwapAt: 13_000, coldkeySwapAt: 14_000, dissolveAt: 15_000 },
  basket: {
    claims: [
      { at: 9_000, user: 1 },
      { at: 11_000, user: 1, withHotkey: true },
      { at: 12_700, user: 3 },
      { at: 13_500, user: 1 },
      { at: 13_600, user: 0 },
      { at: 15_800, user: 1, withHotkey: true },
    ],
    stakeIn: [
      { at: 8_500, user: 0, tao: 10n * 1_000_000_000n },
      { at: 12_500, user: 1, tao: 5n * 1_000_000_000n },
      // a purchase just above the claim threshold in another validator's fund: its claim skips dust rows
      { at: 12_600, user: 3, tao: 2_000_000n, otherFund: true },
      // shares bought without root stake on that fund just before quin's coldkey swap: the swap must move them
      { at: 13_800, user: 3, tao: 3n * 1_000_000_000n, otherFund: true },
    ],
  },
});

export const SCENARIOS: Record<string, ScenarioConfig> = {
  /** The demo chain as it was before it reached 424 (320 → 343 @12 d): a pre-balancer history for tests. */
  demo343: {
    ...demoChain('demo343'),
    specs: [
      { from: 0, spec: 320 },
      { from: 12 * DAY, spec: 343 },
    ],
    users: [...demoUsers(), { label: 'bob', balanceTao: 800n, positions: 3, actions: 25 }],
  },
  /**
   * ~3 weeks ending on today's runtime: 320 → 343 (root claims) @7 d → 393 @10 d → 424 @12 d → 455 @14 d
   * (the 441 basket era: root dividends go to validator funds) → 475 @17 d, 12 subnets, three users incl.
   * the demo wallet. In the basket era the demo wallet buys fund shares and claims; a validator it stakes
   * on swaps its hotkey, bob's coldkey is swapped, and one of the demo wallet's subnets is dissolved.
   */
  demo: {
    ...demoChain('demo'),
    specs: [
      { from: 0, spec: 320 },
      { from: 7 * DAY, spec: 343 },
      { from: 10 * DAY, spec: 393 },
      { from: 12 * DAY, spec: 424 },
      { from: 14 * DAY, spec: 455 },
      { from: 17 * DAY, spec: 475 },
    ],
    users: [...demoUsers(), { label: 'bob', balanceTao: 800n, positions: 3, actions: 25, allIn: true }],
    identities: 4,
    script: { hotkeySwapAt: 16 * DAY, coldkeySwapAt: 18 * DAY, dissolveAt: 19 * DAY },
    basket: {
      claims: [
        { at: 15 * DAY, user: 0 },
        { at: 17 * DAY + DAY / 2, user: 1 },
        { at: 20 * DAY, user: 0, withHotkey: true },
      ],
      stakeIn: [{ at: 14 * DAY + DAY / 2, user: 0, tao: 25n * 1_000_000_000n }],
    },
  },
  /** Small chain crossing every served runtime: 233 (V15 only, no fee field) → 315 → 343 → 393 (V16). */
  upgrade: small({
    name: 'upgrade',
    blocks: 9_000,
    subnets: 5,
    marketEvery: 25,
    specs: [
      { from: 0, spec: 233 },
      { from: 2_000, spec: 315 },
      { from: 4_500, spec: 343 },
      { from: 7_000, spec: 393 },
    ],
    users: [
      { label: 'carol', balanceTao: 3_000n, positions: 6, actions: 60, rootStakeTao: 200n, claimType: 'Keep' },
      { label: 'dave', balanceTao: 1_000n, positions: 3, actions: 25, rootStakeTao: 50n },
    ],
    lateSubnets: 1,
  }),
  /**
   * Today's mechanics: 393 → 424 at block 6,000 (AlphaV2 shares, balancer pools, stateful epochs,
   * Balances transfers on every stake change). Four subnets register after the upgrade so that their
   * first epochs coincide with subnet 1's: the per-block cap defers some (EpochDeferred).
   */
  upgrade424: small({
    name: 'upgrade424',
    blocks: 12_000,
    subnets: 9,
    specs: [
      { from: 0, spec: 393 },
      { from: 6_000, spec: 424 },
    ],
    users: [
      { label: 'gina', balanceTao: 3_000n, positions: 6, actions: 90, rootStakeTao: 200n, claimType: 'Keep' },
      { label: 'ivy', balanceTao: 600n, positions: 3, actions: 40, allIn: true },
      { label: 'hank', balanceTao: 1_000n, positions: 3, actions: 30, rootStakeTao: 50n },
    ],
    epochCollision: { after: 7_000, subnets: 4 },
    script: { hotkeySwapAt: 8_500, coldkeySwapAt: 9_500, dissolveAt: 10_500 },
  }),
  basket475,
  /**
   * basket475 with one limit-order batch holding three orders of olga on one of her subnets at 14,500
   * (`script.ordersAt`): two of one signer on a subnet in one batch, which market actors never send.
   */
  orders475: { ...basket475, name: 'orders475', script: { ...basket475.script, ordersAt: 14_500 } },
  /**
   * orders475 on the subnet dissolved at 15,000, its second buy onto a hotkey olga never held a position
   * with (`script.ordersOntoNewHotkey`): a position no event names, gone before the head.
   */
  orders475fresh: {
    ...basket475,
    name: 'orders475fresh',
    script: { ...basket475.script, ordersAt: 14_500, ordersOntoNewHotkey: true },
  },
  /**
   * A leased subnet (devnet/README.md, Leases): subnet 3 is owned by lease 0's derived keys; 60 % of its
   * owner cut goes to uma (40 % of the crowdloan), an untracked backer (25 %) and vera, the
   * beneficiary (the rest). Subnet 3's epochs fall on multiples of 100 every fifth epoch from block
   * 1,800 (the 424 upgrade at 1,500 keeps the legacy phase), so dividends are distributed every 1,800
   * blocks: 11 times. uma also trades the lease hotkey's position and others.
   */
  lease: small({
    name: 'lease',
    blocks: 20_000,
    subnets: 4,
    specs: [
      { from: 0, spec: 393 },
      { from: 1_500, spec: 424 },
    ],
    users: [
      { label: 'uma', balanceTao: 2_000n, positions: 4, actions: 80 },
      { label: 'vera', balanceTao: 300n, positions: 1, actions: 10 },
    ],
    lease: {
      netuid: 3,
      emissionsShare: 60,
      beneficiary: 1,
      raisedTao: 1_000n,
      contributors: [
        { user: 0, tao: 400n },
        { label: 'backer', tao: 250n },
      ],
    },
  }),
  /**
   * Miner incentive (devnet/README.md, Miners): 393 → 424 @1,500, every subnet pays every epoch. mia's
   * miner (subnet 1) is paid to its own hotkey until she sets an auto-stake destination at 600: a validator
   * she holds nothing on (a fresh position, AutoStakeAdded from then on). nico stakes on a subnet-2
   * validator at 300 and makes it his miner's destination at 700 (a position that already holds nominated
   * α). omar's miner (subnet 3) never has a destination: its incentive lands silently on his own hotkey.
   */
  miners: small({
    name: 'miners',
    blocks: 8_000,
    subnets: 4,
    specs: [
      { from: 0, spec: 393 },
      { from: 1_500, spec: 424 },
    ],
    users: [
      { label: 'mia', balanceTao: 1_000n, positions: 3, actions: 30 },
      { label: 'nico', balanceTao: 600n, positions: 2, actions: 20 },
      { label: 'omar', balanceTao: 300n, positions: 1, actions: 10 },
    ],
    miners: {
      list: [
        { user: 0, netuid: 1, alphaPerEpoch: 40n * 1_000_000_000n, destination: { kind: 'fresh', at: 600 } },
        {
          user: 1,
          netuid: 2,
          alphaPerEpoch: 25n * 1_000_000_000n,
          destination: { kind: 'held', at: 700, stakeAt: 300, stakeTao: 20n * 1_000_000_000n },
        },
        { user: 2, netuid: 3, alphaPerEpoch: 30n * 1_000_000_000n },
      ],
    },
  }),
  /** Fast scenario for unit tests: 343 only from block 2,500 on, tiny market. */
  tiny: small({
    name: 'tiny',
    blocks: 4_000,
    subnets: 3,
    validators: 4,
    marketActors: 12,
    specs: [
      { from: 0, spec: 320 },
      { from: 2_500, spec: 343 },
    ],
    users: [
      { label: 'erin', balanceTao: 2_000n, positions: 4, actions: 40, rootStakeTao: 100n, claimType: 'Keep' },
      { label: 'frank', balanceTao: 500n, positions: 2, actions: 15, rootStakeTao: 20n },
    ],
    claimEvery: 300,
  }),
  /**
   * One year ending on today's runtime (320 → 343 @200 d → 393 @260 d → 424 @300 d): ~2.6M blocks, 128
   * subnets, thousands of actors, a user with ≥ 500 events over ≥ 20 positions; a hotkey swap, a
   * coldkey swap (minnow) and a dissolution in the 424 era.
   */
  year: {
    name: 'year',
    blocks: 365 * DAY,
    subnets: 128,
    validators: 64,
    marketActors: 3_000,
    marketEvery: 55,
    specs: [
      { from: 0, spec: 320 },
      { from: 200 * DAY, spec: 343 },
      { from: 260 * DAY, spec: 393 },
      { from: 300 * DAY, spec: 424 },
    ],
    users: [
      { label: 'whale', balanceTao: 200_000n, positions: 24, actions: 900, rootStakeTao: 5_000n, claimType: 'Keep' },
      { label: 'minnow', balanceTao: 2_000n, positions: 6, actions: 80, rootStakeTao: 50n },
    ],
    claimEvery: DAY,
    headTime: HEAD_TIME,
    lateSubnets: 16,
    // every 60th epoch (~3 days) keeps the year's startup small; smaller scenarios pay every epoch
    epochPayoutEvery: 60,
    script: { hotkeySwapAt: 320 * DAY, coldkeySwapAt: 340 * DAY, dissolveAt: 350 * DAY },
  },
};

export function scenario(name: string): ScenarioConfig {
  const s = SCENARIOS[name];
  if (!s) throw new Error(`unknown scenario '${name}' (have: ${Object.keys(SCENARIOS).join(', ')})`);
  return s;
}
