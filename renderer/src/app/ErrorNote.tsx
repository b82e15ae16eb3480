import { ApiCallError } from '../api/client';

export function errorMessage(error: unknown): string {
  if (error instanceof ApiCallError) return error.error.message;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
