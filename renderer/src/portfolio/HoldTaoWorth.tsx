import type { Amount } from '../../../shared/views';
import { Money, type Unit } from '../app/Money';

/**
 * What the same TAO flows kept as TAO come to, in words: "would be worth τ5.0000", or where more TAO
 * came out than went in (a negative Hold TAO value, the figure unchanged) "would leave −τ8.5729: more
 * TAO came out than went in". A null (no fiat price) is no worth either way.
 */
export function HoldTaoWorth({ amount, unit, testId }: { amount: Amount; unit: Unit; testId?: string }) {
  const money = <Money amount={amount} unit={unit} {...(testId ? { testId } : {})} />;
  if (amount !== null && amount < 0n)
    return (
      <>
        would leave {money}
        <span data-testid="hold-tao-negative">: more TAO came out than went in</span>
      </>
    );
  return <>would be worth {money}</>;
}
