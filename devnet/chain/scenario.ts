/** Scenario configuration and the world's participants (validators, pending registrations, users). */
import type { Acc } from './accounts.js';
import type { SpecSpan, SubnetDef } from './types.js';

export interface UserConfig {
  label: string;
  /** Fixed account (e.g. the demo wallet); otherwise derived from label + seed. */
  account?: Acc;
  balanceTao: bigint;
  /** number of (hotkey, netuid) positions the user trades */
  positions: number;
  /** approximate number of signed actions over the history */
  actions: number;
  /** TAO staked on root at genesis (root claims need root stake) */
  rootStakeTao?: bigint;
  claimType?: 'Keep' | 'Swap';
  /** from 423: stakes all its TAO but dust, so its next unstake pays the transaction fee in α */
  allIn?: boolean;
}

export interface ScenarioConfig {
  name: string;
  /** head block after generation */
  blocks: number;
  subnets: number;
  validators: number;
  marketActors: number;
  /** mean number of blocks between blocks with market activity */
  marketEvery: number;
  specs: SpecSpan[];
  users: UserConfig[];
  /** auto root-claim period per claiming coldkey */
  claimEvery: number;
  /** unix ms of the head block at generation time (fixed → deterministic timestamps) */
  headTime: number;
  /** pay owner cut + validator take every N epochs of each subnet (absent = never) */
  epochPayoutEvery?: number;
  /** how many of the subnets register during the history instead of at genesis */
  lateSubnets?: number;
  /** the owners of the first N validators have an on-chain identity (IdentitiesV2) named after them */
  identities?: number;
  /** balancer-era events at fixed blocks (docs/chain/swaps-and-dissolution.md) */
  script?: {
    /** the owner of a validator hotkey the first user stakes on swaps it for a new hotkey */
    hotkeySwapAt?: number;
    /** the last user's coldkey is swapped (root swap_coldkey) for a new one; the user acts with it after */
    coldkeySwapAt?: number;
    /** the subnet of the first user's first subnet position is dissolved */
    dissolveAt?: number;
    /**
     * the relayer executes one batch holding three orders of the first user on one of its subnets: a buy
     * onto the position it sells from, a buy onto another hotkey, and a sale of part of that position
     * (two orders of one signer on one subnet in a batch, which market actors never send)
     */
    ordersAt?: number;
    /**
     * with `ordersAt`: the batch goes on the subnet `dissolveAt` dissolves where the first user can sell
     * there, and its buy onto another hotkey goes to one the user never held a position with (a position
     * no event names, gone before the head)
     */
    ordersOntoNewHotkey?: boolean;
    /**
     * silent α changes no event explains, on the user's first open subnet position, or with `root` on
     * its first root position (reconciliation tests)
     */
    inject?: { at: number; user: number; alpha: bigint; root?: boolean }[];
  };
  /** basket era (≥ 441): scripted root claims and basket purchases of users (index into `users`) */
  basket?: {
    /** claim_root (every validator), or claim_root_with_hotkey on the user's first root validator */
    claims?: { at: number; user: number; withHotkey?: boolean }[];
    /** stake_into_basket on the user's first root validator (else, or with otherFund, a root validator it has no root stake on) */
    stakeIn?: { at: number; user: number; tao: bigint; otherFund?: boolean }[];
  };
  /** no per-block emission injection into the pools from this block on (tests comparing a simulation with a later block) */
  quietPoolsFrom?: number;
  /** register the last `subnets` subnets so that their first stateful epochs (≥ 423) coincide after `after` */
  epochCollision?: { after: number; subnets: number };
  /**
   * One perpetual subnet lease from genesis (devnet/README.md, Leases): `netuid` is owned by the lease's
   * derived coldkey and hotkey; `emissionsShare` percent of its owner cut goes to the contributors
   * (share = tao / raisedTao) and the leftover to the beneficiary. Users are indexes into `users`;
   * a contributor with a `label` is an untracked account. A contributing user also trades the lease
   * hotkey's position.
   */
  lease?: {
    netuid: number;
    emissionsShare: number;
    beneficiary: number;
    raisedTao: bigint;
    /** TAO contributed (whole TAO, like `raisedTao`) */
    contributors: (({ user: number } | { label: string }) & { tao: bigint })[];
  };
  /**
   * Miner hotkeys owned by users (devnet/README.md, Miners): each is paid `alphaPerEpoch` (±10 %) at every
   * paid epoch of `netuid` from runtime 315. With `destination` the owner calls set_coldkey_auto_stake_hotkey
   * at `at` for a validator hotkey on that subnet it does not own: `fresh` one it holds nothing on, `held` one
   * it first stakes `stakeTao` on at `stakeAt` (and then trades like its other positions).
   */
  miners?: {
    list: {
      user: number;
      netuid: number;
      alphaPerEpoch: bigint;
      destination?: { kind: 'fresh' | 'held'; at: number; stakeAt?: number; stakeTao?: bigint };
    }[];
  };
  /** live mode: mean blocks between a scripted user's own actions (absent = users act only via submit) */
  liveUserEvery?: number;
}

export interface Validator {
  hotkey: Acc;
  owner: Acc;
  subnets: number[];
}

export interface Registration {
  def: SubnetDef;
  tao: bigint;
  alphaIn: bigint;
  stakes: { v: Validator; alpha: bigint }[];
}

export interface User {
  cfg: UserConfig;
  coldkey: Acc;
  targets: { hotkey: Acc; netuid: number }[];
  schedule: number[];
  next: number;
}
