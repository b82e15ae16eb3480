/**
 * Subnet leases (devnet/README.md, Leases): a leased subnet is owned by a lease coldkey and hotkey
 * (derived accounts, nobody's wallet). At every owner-cut payout the contributors' part of the cut
 * accumulates (AccumulatedLeaseDividends); at a payout whose block is a multiple of
 * LeaseDividendsDistributionInterval it is distributed within the subnet, per contributor in
 * SubnetLeaseShares order and the leftover to the beneficiary, each by transfer_stake_within_subnet
 * (StakeRemoved + StakeAdded, fee 0) followed by SubnetLeaseDividendsDistributed. A transfer worth
 * less than the minimum stake rolls the whole distribution back (subtensor leasing.rs
 * distribute_leased_network_dividends). Only runtimes ≥ 361 are simulated (the transfer form).
 */
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import { minStake } from './pools.js';

/** First runtime whose distribution is transfer_stake_within_subnet (334–352 unstaked instead). */
export const LEASE_TRANSFER_SPEC = 361;
/** LeaseDividendsDistributionInterval of finney (a metadata constant: 100 blocks). */
export const LEASE_INTERVAL = 100;
const ONE = 1n << 64n;

/** The lease's derived account: blake2_256(SCALE(("leasing/coldkey" | "leasing/hotkey", lease_id))). */
export function leaseAccount(kind: 'coldkey' | 'hotkey', leaseId: number): Acc {
  const tag = stringToU8a(`leasing/${kind}`);
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, leaseId, true);
  return u8aToHex(blake2AsU8a(u8aConcat(compactToU8a(tag.length), tag, id), 256));
}

export interface Lease {
  id: number;
  netuid: number;
  coldkey: Acc;
  hotkey: Acc;
  beneficiary: Acc;
  /** SubnetLease.emissions_share, percent of the owner cut */
  emissionsShare: number;
  /** SubnetLeaseShares (U64F64 bits), in storage iteration order (Identity-hashed account bytes) */
  shares: { contributor: Acc; bits: bigint }[];
  /** what the crowdloan raised (SubnetLease.cost is not modelled: reported as the amount raised) */
  raised: bigint;
}

export class Leases {
  private readonly byNetuid = new Map<number, Lease>();

  constructor(private readonly c: Chain) {}

  get all(): Lease[] {
    return [...this.byNetuid.values()];
  }

  of(netuid: number): Lease | undefined {
    return this.byNetuid.get(netuid);
  }

  /**
   * A perpetual lease of `netuid` from the current block. The share of a contribution is
   * amount / raised (U64F64, truncated); the beneficiary's own part is the leftover.
   */
  create(
    netuid: number,
    beneficiary: Acc,
    emissionsShare: number,
    contributions: { contributor: Acc; tao: bigint }[],
    raised: bigint,
  ): Lease {
    const id = this.byNetuid.size;
    const shares = contributions
      .map((x) => ({ contributor: x.contributor, bits: (x.tao * ONE) / raised }))
      .sort((a, b) => (a.contributor < b.contributor ? -1 : a.contributor > b.contributor ? 1 : 0));
    const lease: Lease = {
      id,
      netuid,
      coldkey: leaseAccount('coldkey', id),
      hotkey: leaseAccount('hotkey', id),
      beneficiary,
      emissionsShare,
      shares,
      raised,
    };
    this.byNetuid.set(netuid, lease);
    const c = this.c;
    c.setLog('SubnetLeases', lease, id);
    c.setLog('SubnetUidToLeaseId', id, netuid);
    c.setLog('NextSubnetLeaseId', id + 1);
    for (const s of shares) c.setLog('SubnetLeaseShares', s.bits, id, s.contributor);
    return lease;
  }

  accumulated(lease: Lease, b = this.c.cur): bigint {
    return this.c.getLog<bigint>('AccumulatedLeaseDividends', b, lease.id) ?? 0n;
  }

  /**
   * The subnet's owner cut `ownerCut` was just paid to the lease's keys (in the epoch's
   * block-initialisation step): accumulate the contributors' cut, and distribute it on interval blocks.
   */
  ownerCutPaid(netuid: number, ownerCut: bigint): void {
    const lease = this.byNetuid.get(netuid);
    const c = this.c;
    if (!lease || c.specAt(c.cur) < LEASE_TRANSFER_SPEC) return;
    // Percent::mul_ceil: rounded up in the contributors' favour
    const cut = (ownerCut * BigInt(lease.emissionsShare) + 99n) / 100n;
    const total = this.accumulated(lease) + cut;
    if (c.cur % LEASE_INTERVAL !== 0 || !this.distribute(lease, total)) {
      c.setLog('AccumulatedLeaseDividends', total, lease.id);
      return;
    }
    c.setLog('AccumulatedLeaseDividends', 0n, lease.id);
  }

  /**
   * Moves `total` from the lease's position to the contributors and the beneficiary, or nothing (false)
   * when a transfer would be worth less than the minimum stake (the storage layer's rollback). The
   * price does not move within a distribution, so every transfer's value is known before the first.
   */
  private distribute(lease: Lease, total: bigint): boolean {
    const c = this.c;
    const pays: { to: Acc; alpha: bigint }[] = [];
    let distributed = 0n;
    for (const s of lease.shares) {
      // U64F64 share × total is exact (total is an integer); ceil favours the contributors
      const alpha = (s.bits * total + ONE - 1n) / ONE;
      pays.push({ to: s.contributor, alpha });
      distributed += alpha;
    }
    pays.push({ to: lease.beneficiary, alpha: total > distributed ? total - distributed : 0n });
    const min = minStake(c.specAt(c.cur));
    if (pays.some((p) => c.staking.spotValue(lease.netuid, p.alpha) < min)) return false;
    for (const p of pays) {
      c.staking.transferWithinSubnet(lease.coldkey, p.to, lease.hotkey, lease.hotkey, lease.netuid, p.alpha);
      c.emit({
        pallet: 'SubtensorModule',
        name: 'SubnetLeaseDividendsDistributed',
        args: [lease.id, p.to, p.alpha],
        // the event names no position; the truth keeps the lease's for its own checks
        meta: { hotkey: lease.hotkey, netuid: lease.netuid },
      });
    }
    return true;
  }
}
