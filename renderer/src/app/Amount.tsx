import { signed, tao, tone } from './format';

/** A TAO amount; `signed` adds +/− and colour. Blurred in privacy mode via the .amount class. */
export function Tao({ rao, sign = false, decimals = 4 }: { rao: bigint; sign?: boolean; decimals?: number }) {
  return <span className={`amount ${sign ? tone(rao) : ''}`}>{sign ? signed(rao, decimals) : tao(rao, decimals)}</span>;
}
