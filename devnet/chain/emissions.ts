/**
 * Nominator emissions as a deterministic growth index per subnet. On chain each epoch raises
 * TotalHotkeyAlpha (update_value_for_all) without events and without touching shares. Here every
 * hotkey on a subnet grows by the same per-epoch rate, so TotalHotkeyAlpha and SubnetAlphaOut are
 * stored normalised (N = value·S²/G) and read as floor(N·G(epochs(B))/S²): epochs are computed,
 * never stored.
 */
export const TEMPO = 360;
export const S = 10n ** 18n;
const S2 = S * S;

/** Number of epochs of `netuid` in blocks [1, block]: epoch when (b + netuid + 1) % (tempo + 1) == tempo. */
export function epochsAt(netuid: number, block: number): number {
  const period = TEMPO + 1;
  let first = (((TEMPO - 1 - netuid) % period) + period) % period;
  if (first === 0) first = period;
  return block < first ? 0 : Math.floor((block - first) / period) + 1;
}

export function isEpochBlock(netuid: number, block: number): boolean {
  return block > 0 && (block + netuid + 1) % (TEMPO + 1) === TEMPO;
}

/** Block of the `n`-th epoch (1-based) of a subnet. */
export function epochBlock(netuid: number, n: number): number {
  const period = TEMPO + 1;
  let first = (((TEMPO - 1 - netuid) % period) + period) % period;
  if (first === 0) first = period;
  return first + (n - 1) * period;
}

export class GrowthIndex {
  private readonly g: bigint[] = [S];
  /** @param ratePpb growth per epoch in parts per billion; @param freezeAt epochs after which growth stops */
  constructor(
    readonly ratePpb: bigint,
    public freezeAt = Number.POSITIVE_INFINITY,
  ) {}

  at(epochs: number): bigint {
    const e = Math.min(epochs, this.freezeAt);
    while (this.g.length <= e) {
      const prev = this.g[this.g.length - 1] as bigint;
      this.g.push(prev + (prev * this.ratePpb) / 1_000_000_000n);
    }
    return this.g[e] as bigint;
  }

  static value(normalised: bigint, g: bigint): bigint {
    return (normalised * g) / S2;
  }

  /** Smallest N with floor(N·g/S²) == value, so a write reads back exactly. */
  static normalise(value: bigint, g: bigint): bigint {
    if (value <= 0n) return 0n;
    return (value * S2 + g - 1n) / g;
  }
}
