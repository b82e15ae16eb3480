/** Settings as embedded in reports (kept structural to avoid an import cycle with ./index). */
export interface EngineSettingsLike {
  method: string;
  rewards: string;
  asOfBlock?: number;
  walletGroups?: Readonly<Record<string, readonly string[]>>;
}
