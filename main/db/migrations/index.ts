import { init } from './0001-init';
import { chainFacts } from './0002-chain-facts';
import { runtime424Facts } from './0003-runtime-424-facts';
import { nullSentinels } from './0004-null-sentinels';
import { headCheckpoints } from './0005-head-checkpoints';
import { validatorIdentities } from './0006-validator-identities';
import { basketPositions } from './0007-basket-positions';
import { basketTwr } from './0008-basket-twr';
import { poolValues } from './0009-pool-values';
import { epochIndexes } from './0010-epoch-indexes';
import { subnetLifetimes } from './0011-subnet-lifetimes';
import { leaseDividends } from './0012-lease-dividends';
import { subnetNames } from './0013-subnet-names';
import { removalFeeUnits } from './0014-removal-fee-units';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every schema step, oldest first. Append only: never edit a step that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  init,
  chainFacts,
  runtime424Facts,
  nullSentinels,
  headCheckpoints,
  validatorIdentities,
  basketPositions,
  basketTwr,
  poolValues,
  epochIndexes,
  subnetLifetimes,
  leaseDividends,
  subnetNames,
  removalFeeUnits,
];
