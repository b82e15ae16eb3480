import { costBasisMethods, rewardTreatments, type CostBasisMethod, type RewardTreatment } from '../../../shared/vocab';
import { oneOf, usePersistedState } from '../app/persisted';

const orDefault = <T extends readonly string[]>(ids: T) => oneOf([...ids, null] as const);

/**
 * The cost-basis method and reward treatment the figures are computed with: the Settings default
 * unless the user picked one here. One choice for Portfolio, Subnets and a subnet's detail, kept
 * across navigation and reloads.
 */
export function useViewChoice() {
  const [method, setMethod] = usePersistedState<CostBasisMethod | null>(
    'view.method',
    null,
    orDefault(costBasisMethods),
  );
  const [rewards, setRewards] = usePersistedState<RewardTreatment | null>(
    'view.rewards',
    null,
    orDefault(rewardTreatments),
  );
  const args = { ...(method ? { method } : {}), ...(rewards ? { rewards } : {}) };
  return {
    method: method ?? undefined,
    rewards: rewards ?? undefined,
    setMethod: (m: CostBasisMethod | undefined) => setMethod(m ?? null),
    setRewards: (r: RewardTreatment | undefined) => setRewards(r ?? null),
    args,
  };
}
export type ViewChoice = ReturnType<typeof useViewChoice>;
