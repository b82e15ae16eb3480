// The one typed contract between the UI and the backend. Both transports (Electron IPC via the
// preload, and the web host's WebSocket) carry exactly these channels and push events.
// Argument schemas are zod so the backend validates at runtime before any handler runs.
import { z } from 'zod';
import type {
  AnalyticsView,
  ExportFile,
  FiatImportResult,
  FiatSummary,
  PortfolioView,
  PositionDrilldown,
  SubnetDetailView,
} from './views';
import type { ActivityPageView } from './activity';
import {
  activitySortKeys,
  costBasisMethods,
  displayCurrencies,
  exportFormats,
  activityKinds,
  rewardTreatments,
  basketIncomeTimings,
  riskFreeIds,
  type ApiErrorCode,
  type DbTable,
} from './vocab';

export type { CostBasisMethod, DbTable, RewardTreatment } from './vocab';
export type { StoredStakeEvent } from './facts';
import type { StoredStakeEvent } from './facts';

// ---------------------------------------------------------------------------------------------
// Domain types carried by the contract

export interface Wallet {
  id: number;
  /** SS58, always normalised to prefix 42. */
  address: string;
  label: string;
  group: string | null;
  /** Unix ms. */
  addedAt: number;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  transport: 'electron' | 'web';
}

export type ErrorCode = ApiErrorCode;

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The argument the error is about, for inline form errors. */
  field?: string;
}

export type ApiResponse<T> = { data: T } | { error: ApiError };

// Status types of the chain connection, sync and database safety live in ./status.
export type * from './status';
import type {
  BackupInfo,
  BackupsState,
  ChainStatus,
  EndpointProbe,
  FiatCoverage,
  SecurityStatus,
  SyncStatus,
  ValuationFreshness,
  ValidatorIdentity,
} from './status';

// ---------------------------------------------------------------------------------------------
// Argument schemas

/**
 * Characters that make shown text lie about itself: C0/C1 controls (newlines, escapes) and bidi
 * controls (an RTL override turns "Main\u202Egnp.exe" into "Mainexe.png"), plus invisible BOM and
 * zero-width space. Zero-width (non-)joiners stay allowed: emoji and some scripts need them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
export const UNSAFE_TEXT = /[\u0000-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/;

const label = z
  .string()
  .trim()
  .min(1, 'Label is required.')
  .max(80, 'Label is at most 80 characters.')
  .refine((s) => !UNSAFE_TEXT.test(s), 'Label cannot contain control or text-direction characters.');
const group = z
  .string()
  .trim()
  .max(40, 'Group is at most 40 characters.')
  .refine((s) => !UNSAFE_TEXT.test(s), 'Group cannot contain control or text-direction characters.')
  .nullable()
  .optional();
const walletId = z.number().int().positive();

/**
 * The most stored events one `events:list` call returns (the CLI's `--limit` checks against it too).
 * A `limit` keeps the newest events; the list is always oldest first.
 */
export const EVENTS_LIST_MAX = 100_000;

/** Offered as a suggestion in the endpoint form; never dialled unless the user saves it. */
export const ENDPOINT_SUGGESTION = 'wss://entrypoint-finney.opentensor.ai:443';

export const endpointSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'The endpoint must be a ws:// or wss:// URL.');

const noArgs = z.undefined().or(z.object({}).strict());

const currencyCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code.');

/** Every setting with its rule: `settings:update` checks a patch with it, the settings store every value it reads. */
export const settingsSchema = z.object({
  /**
   * The one node Taofolio talks to; null until the user chooses one (and null in a patch forgets it:
   * sync stops). Nothing connects anywhere before that (see ENDPOINT_SUGGESTION).
   */
  endpoint: endpointSchema.nullable(),
  costBasisMethod: z.enum(costBasisMethods),
  rewardTreatment: z.enum(rewardTreatments),
  /** When fund dividends (basket shares, 441+) are income: at accrual (default) or at claim. */
  basketIncome: z.enum(basketIncomeTimings),
  fiatCurrency: currencyCode,
  privacyMode: z.boolean(),
});
export type Settings = z.output<typeof settingsSchema>;

/** Which figures to compute: settings' method/treatment unless overridden, as of a block if given. */
const portfolioArgs = z
  .object({
    method: z.enum(costBasisMethods).optional(),
    rewards: z.enum(rewardTreatments).optional(),
    asOfBlock: z.number().int().nonnegative().optional(),
  })
  .strict();

/** Which ledger entries the Activity page shows and exports. Absent fields do not filter. */
export const activityFilterSchema = z
  .object({
    walletIds: z.array(walletId).min(1).max(1000).optional(),
    netuids: z.array(z.number().int().min(0).max(65_535)).min(1).max(1000).optional(),
    kinds: z.array(z.enum(activityKinds)).min(1).optional(),
    /** Unix ms, inclusive. */
    from: z.number().int().nonnegative().optional(),
    /** Unix ms, exclusive. */
    to: z.number().int().nonnegative().optional(),
    search: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((f) => f.from === undefined || f.to === undefined || f.from < f.to, {
    message: 'The start date must be before the end date.',
    path: ['to'],
  });
export type ActivityFilterArgs = z.input<typeof activityFilterSchema>;

const activitySortSchema = z.object({ key: z.enum(activitySortKeys), dir: z.enum(['asc', 'desc']) }).strict();

const utcDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a YYYY-MM-DD date.')
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'Not a calendar date.');

/** The cockpit: the figures of `portfolioArgs` plus a date range, a display currency and a risk-free choice. */
const analyticsArgs = portfolioArgs
  .extend({
    /** First and last UTC day of the range (inclusive); default: the whole history. */
    from: utcDay.optional(),
    to: utcDay.optional(),
    currency: z.enum(displayCurrencies).optional(),
    riskFree: z.enum(riskFreeIds).optional(),
  })
  .strict();

/** A passphrase as typed: never trimmed (spaces are part of it), at most 1024 characters. */
const passphraseSchema = z
  .string()
  .min(1, 'Enter the passphrase.')
  .max(1024, 'A passphrase is at most 1024 characters.');
const newPassphraseSchema = passphraseSchema.refine(
  (p) => [...p].length >= 8,
  'Choose a passphrase of at least 8 characters.',
);

/** Declares a channel: its runtime argument schema plus the static result type. */
function channel<Result>() {
  return <Args extends z.ZodType>(args: Args) => ({ args, result: undefined as unknown as Result });
}

export const contract = {
  'app:info': channel<AppInfo>()(noArgs),

  'wallets:list': channel<Wallet[]>()(noArgs),
  'wallets:add': channel<{ wallet: Wallet; normalisedFrom: { address: string; prefix: number } | null }>()(
    z.object({ address: z.string().max(200), label, group }).strict(),
  ),
  /** Rename; `group` left out keeps the wallet's group, null (or empty) removes it. */
  'wallets:update': channel<Wallet>()(z.object({ id: walletId, label, group }).strict()),
  'wallets:remove': channel<{ id: number }>()(z.object({ id: walletId }).strict()),

  'settings:get': channel<Settings>()(noArgs),
  'settings:update': channel<Settings>()(settingsSchema.partial().strict()),
  'chain:status': channel<ChainStatus>()(noArgs),
  /** Connect to an endpoint once and report what it is, without saving it. */
  'chain:probe': channel<EndpointProbe>()(z.object({ endpoint: endpointSchema }).strict()),
  'valuation:freshness': channel<ValuationFreshness>()(noArgs),
  /** Cached validator names of the hotkeys the watched wallets staked with. */
  'chain:identities': channel<ValidatorIdentity[]>()(noArgs),
  'sync:status': channel<SyncStatus>()(noArgs),
  'sync:start': channel<SyncStatus>()(z.object({ walletId: walletId.optional() }).strict().optional()),
  'sync:pause': channel<SyncStatus>()(noArgs),
  'sync:cancel': channel<SyncStatus>()(z.object({ walletId: walletId.optional() }).strict().optional()),
  'events:list': channel<StoredStakeEvent[]>()(
    z
      .object({ walletId: walletId.optional(), limit: z.number().int().positive().max(EVENTS_LIST_MAX).optional() })
      .strict()
      .optional(),
  ),

  // Activity: the engine's ledger entries, filtered, sorted and paged (main/services/activity.ts)
  'activity:list': channel<ActivityPageView>()(
    z
      .object({
        filter: activityFilterSchema.optional(),
        sort: activitySortSchema.optional(),
        /** 'fiat': each row also carries its TAO amounts at its day's imported price. */
        currency: z.enum(displayCurrencies).optional(),
        offset: z.number().int().nonnegative().optional(),
        limit: z.number().int().positive().max(1000).optional(),
      })
      .strict()
      .optional(),
  ),
  /** The entries the filter keeps, in the chosen order, as the events CSV. */
  'activity:export': channel<ExportFile>()(
    z.object({ filter: activityFilterSchema.optional(), sort: activitySortSchema.optional() }).strict().optional(),
  ),

  // Accounting (shared/engine via main/services/portfolio.ts)
  'portfolio:get': channel<PortfolioView>()(
    portfolioArgs
      .extend({
        /**
         * false: the view without its daily series (`daily` empty). The app's pages draw the analytics
         * view's series and never read this one, some 40 % of the answer (bench:ui).
         */
        daily: z.boolean().optional(),
      })
      .strict()
      .optional(),
  ),
  'portfolio:analytics': channel<AnalyticsView>()(analyticsArgs.optional()),
  'portfolio:subnet': channel<SubnetDetailView>()(
    analyticsArgs.extend({ netuid: z.number().int().min(0).max(65_535) }).strict(),
  ),
  'portfolio:position': channel<PositionDrilldown>()(
    portfolioArgs
      .extend({
        key: z.string().min(1).max(300),
        /** fiat: each leg's TAO and value at spot at its entry's day's price too (`fiat`). */
        currency: z.enum(displayCurrencies).optional(),
      })
      .strict(),
  ),
  'reports:export': channel<ExportFile>()(portfolioArgs.extend({ format: z.enum(exportFormats) }).strict()),
  'fiat:import': channel<FiatImportResult>()(
    z
      .object({ currency: currencyCode, csv: z.string().max(20_000_000, 'The file is too large (20 MB at most).') })
      .strict(),
  ),
  'fiat:summary': channel<FiatSummary>()(noArgs),
  /** The days the imported prices miss, for the figures and exports of the watched wallets. */
  'fiat:coverage': channel<FiatCoverage>()(noArgs),

  // Database safety (main/db/backups.ts)
  'backups:list': channel<BackupsState>()(noArgs),
  'backups:create': channel<BackupInfo>()(noArgs),
  'backups:restore': channel<BackupsState>()(
    z
      .object({
        name: z
          .string()
          .max(200)
          .regex(/^taofolio\.sqlite\.[\w.-]+\.bak$/, 'Choose a backup from the list.'),
      })
      .strict(),
  ),

  // Encryption at rest (main/session.ts): answered while locked too; every other channel says `locked`.
  'security:status': channel<SecurityStatus>()(noArgs),
  'security:unlock': channel<SecurityStatus>()(z.object({ passphrase: passphraseSchema }).strict()),
  'security:lock': channel<SecurityStatus>()(noArgs),
  /** The user is using the app (the UI sends this at most every 30 s while there is input): defers the idle lock. */
  'security:activity': channel<SecurityStatus>()(noArgs),
  /**
   * Enable (`next` without `current`), change (both) or remove (`current`, `next` null) the passphrase.
   * A wrong `current` is `wrong-passphrase` and nothing is written.
   */
  'security:set-passphrase': channel<SecurityStatus>()(
    z.object({ current: passphraseSchema.optional(), next: newPassphraseSchema.nullable() }).strict(),
  ),
  'security:configure': channel<SecurityStatus>()(
    z
      .object({
        lockAfterMinutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
      })
      .strict(),
  ),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>;
export type ParsedArgsOf<C extends Channel> = z.output<Contract[C]['args']>;
export type ResultOf<C extends Channel> = Contract[C]['result'];

/** Backend implementation of every channel (args already validated). */
export type Handlers = { [C in Channel]: (args: ParsedArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> };

/** The arguments of a call: optional where the channel takes none. */
export type CallArgs<C extends Channel> = undefined extends ArgsOf<C> ? [args?: ArgsOf<C>] : [args: ArgsOf<C>];

/** A typed call: resolves with the channel's result or throws ApiCallError. */
export type Call = <C extends Channel>(channel: C, ...args: CallArgs<C>) => Promise<ResultOf<C>>;

/** A failed call, carrying the backend's `{ code, message, field }`. */
export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
}

/**
 * The data of a channel's response, or its error thrown as ApiCallError. The one place a transport's
 * untyped response meets the contract's result type (the dispatcher produced it for this channel).
 */
export function resultOf<C extends Channel>(_channel: C, response: ApiResponse<unknown>): ResultOf<C> {
  if ('error' in response) throw new ApiCallError(response.error);
  return response.data as ResultOf<C>;
}

// ---------------------------------------------------------------------------------------------
// Push events (backend → UI)

export interface PushEvents {
  'db:changed': { tables: DbTable[] };
  'chain:status': ChainStatus;
  'sync:progress': SyncStatus;
  /** Locked, unlocked, passphrase enabled or removed, lock setting changed. */
  'security:status': SecurityStatus;
}

export type PushEventName = keyof PushEvents;

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
