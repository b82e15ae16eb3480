import { COST_BASIS_METHODS, REWARD_TREATMENTS } from '../../../shared/vocab';
import { VocabSelect } from '../app/VocabSelect';
import type { ViewChoice } from './view-choice';

/** Method and reward treatment for the figures on screen (remembered; see view-choice.ts). */
export function ViewControls({ choice }: { choice: ViewChoice }) {
  return (
    <div className="controls">
      <label className="field">
        <span>Method</span>
        <VocabSelect
          vocabulary={COST_BASIS_METHODS}
          labelKey="short"
          emptyLabel="Settings default"
          value={choice.method}
          onChange={choice.setMethod}
        />
      </label>
      <label className="field">
        <span>Rewards</span>
        <VocabSelect
          vocabulary={REWARD_TREATMENTS}
          emptyLabel="Settings default"
          value={choice.rewards}
          onChange={choice.setRewards}
        />
      </label>
    </div>
  );
}
