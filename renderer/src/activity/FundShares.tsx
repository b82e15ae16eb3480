import { Masked } from '../app/Amount';
import { FULL_DECIMALS } from '../app/format';
import { sharesText } from './row-view';

/** Fund shares added (+) or given up (−) by a basket record; full precision on hover, masked in privacy mode. */
export function FundShares({ shares, decimals }: { shares: bigint; decimals?: number }) {
  return (
    <Masked
      text={sharesText(shares, decimals)}
      full={sharesText(shares, FULL_DECIMALS)}
      tone={null}
      testId="activity-shares"
    />
  );
}
