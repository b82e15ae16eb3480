import { contract, isChannel, type ApiResponse, type Channel, type Handlers } from '../../shared/api';
import { AppError } from '../services/errors';

export type Dispatch = (channel: unknown, args: unknown) => Promise<ApiResponse<unknown>>;

function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): {
  message: string;
  field?: string;
} {
  const first = issues[0];
  if (!first) return { message: 'Invalid arguments.' };
  const field = first.path.map(String).join('.');
  return field ? { message: first.message, field } : { message: first.message };
}

/**
 * The single entry point both transports use: unknown channels and malformed arguments are
 * rejected before any handler runs; every failure becomes `{ error: { code, message } }`.
 */
export function createDispatcher(
  handlers: Handlers,
  onInternalError: (channel: string, error: unknown) => void = () => {},
): Dispatch {
  return async (channel, args) => {
    if (!isChannel(channel)) {
      return { error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel).slice(0, 100)}` } };
    }
    const parsed = contract[channel].args.safeParse(args);
    if (!parsed.success) {
      return { error: { code: 'invalid-args', ...formatIssues(parsed.error.issues) } };
    }
    try {
      const handler = handlers[channel] as (a: unknown) => unknown;
      return { data: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return { error: error.toApiError() };
      onInternalError(channel as Channel, error);
      return {
        error: {
          code: 'internal',
          message: `Something went wrong in ${channel}: ${(error as Error).message ?? String(error)}`,
        },
      };
    }
  };
}
