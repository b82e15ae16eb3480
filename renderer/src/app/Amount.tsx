import { signed, tao } from './format';

/** A TAO amount; `signed` adds +/− and colour. Blurred in privacy mode via the .amount class. */
export function Tao({ rao, sign = false, decimals = 4 }: { rao: bigint; sign?: boolean; decimals?: number }) {
  const text = sign ? signed(rao, decimals) : tao(rao, decimals);
  // Colour what is shown: an amount that rounds to zero at this precision reads as flat.
  const shownTone = !/[1-9]/.test(text) ? 'flat' : rao > 0n ? 'pos' : 'neg';
  return <span className={`amount ${sign ? shownTone : ''}`}>{text}</span>;
}
