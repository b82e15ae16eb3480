// The portfolio computations, kept per query. When sync records new chain facts, a kept computation
// that they all follow (live sync at the head) folds just those in (the engine's incremental path);
// anything else (a fact at or before a folded block, an as-of query, a wallet, setting or fiat
// price change) computes anew.
import type { Settings, Wallet } from '../../shared/api';
import { chainFactTables, userInputTables, type DbTable } from '../../shared/vocab';
import type { FactsDelta } from '../../shared/engine';
import { ledgerFactsRepo, type FactMarks } from '../db/repos/ledger-facts';
import type { DB } from '../db/open';
import type { DomainBus } from '../events';
import { computePortfolioView, shapePortfolio, type ComputedPortfolio, type PortfolioQuery } from './portfolio-model';

interface Kept {
  computed: ComputedPortfolio;
  /** The fact tables' highest rowids when the computation last read them. */
  marks: FactMarks;
  /** New chain facts were recorded since. */
  stale: boolean;
  /** Computed as of a block (never continued). */
  asOf: boolean;
  /** The wallets' history starts it was computed with (a wallet's first sync sets its own). */
  starts: string;
}

const CHAIN_FACTS = new Set<DbTable>(chainFactTables);
const USER_INPUTS = new Set<DbTable>(userInputTables);

export class PortfolioCache {
  private readonly kept = new Map<string, Kept>();
  /** How each computation handed out was made (tests and the benchmark read it). */
  readonly stats = { full: 0, incremental: 0, cached: 0 };
  private readonly facts: ReturnType<typeof ledgerFactsRepo>;

  constructor(
    private readonly db: DB,
    bus: DomainBus,
  ) {
    this.facts = ledgerFactsRepo(db);
    bus.on('data:changed', ({ tables }) => {
      if (tables.some((t) => USER_INPUTS.has(t))) this.kept.clear();
      else if (tables.some((t) => CHAIN_FACTS.has(t)))
        for (const [key, k] of this.kept) {
          // An as-of computation cannot fold later facts in: drop it rather than keep it alive.
          if (k.asOf) this.kept.delete(key);
          else k.stale = true;
        }
    });
  }

  get(wallets: readonly Wallet[], settings: Settings, query: PortfolioQuery): ComputedPortfolio {
    const key = JSON.stringify(query);
    const kept = this.kept.get(key);
    if (kept && !kept.stale) {
      this.stats.cached++;
      return kept.computed;
    }
    const marks = this.facts.marks();
    // Where each wallet's history begins decides what an opening balance is (PortfolioInput.historyStarts):
    // a start that moved (a wallet's first sync) needs a new computation, not an append.
    const starts = JSON.stringify(this.facts.historyStarts(wallets.map((w) => w.address)));
    if (kept && kept.starts === starts) {
      const next = this.append(kept, marks, wallets, settings, query);
      if (next) {
        this.stats.incremental++;
        this.kept.set(key, { computed: next, marks, stale: false, asOf: false, starts });
        return next;
      }
    }
    this.stats.full++;
    const computed = computePortfolioView(this.db, wallets, settings, query);
    this.kept.set(key, { computed, marks, stale: false, asOf: query.asOfBlock !== undefined, starts });
    return computed;
  }

  /** Fold the facts recorded since `kept` read them into its engine run; null when they need a new computation. */
  private append(
    kept: Kept,
    marks: FactMarks,
    wallets: readonly Wallet[],
    settings: Settings,
    query: PortfolioQuery,
  ): ComputedPortfolio | null {
    const coldkeys = wallets.map((w) => w.address);
    const since = kept.marks;
    const head = this.facts.head();
    const delta: FactsDelta = {
      events: marks.stake_events > since.stake_events ? this.facts.events(coldkeys, since.stake_events) : [],
      checkpoints:
        marks.position_checkpoints > since.position_checkpoints
          ? this.facts.checkpoints(coldkeys, since.position_checkpoints)
          : [],
      snapshots: marks.subnet_snapshots > since.subnet_snapshots ? this.facts.snapshots(since.subnet_snapshots) : [],
      rootClaims:
        marks.root_claim_payouts > since.root_claim_payouts
          ? this.facts.rootClaims(coldkeys, since.root_claim_payouts)
          : [],
      effects: marks.silent_effects > since.silent_effects ? this.facts.effects(coldkeys, since.silent_effects) : [],
      basketTwr: marks.basket_twr > since.basket_twr ? this.facts.basketTwr(coldkeys, since.basket_twr) : [],
      baskets:
        marks.basket_checkpoints > since.basket_checkpoints
          ? this.facts.baskets(coldkeys, since.basket_checkpoints)
          : [],
      ...(head ? { currentSpecVersion: head.specVersion } : {}),
    };
    const prev = kept.computed;
    const run = prev.run.append(delta);
    if (!run) return null;
    return shapePortfolio(this.db, wallets, settings, query, run, {
      hasData: prev.view.hasData || delta.events.length > 0 || delta.checkpoints.length > 0,
      specVersion: head?.specVersion ?? delta.events.at(-1)?.specVersion ?? prev.specVersion,
      fiatPrices: prev.fiatPrices,
    });
  }
}
