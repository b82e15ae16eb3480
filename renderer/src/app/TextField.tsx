import type { InputHTMLAttributes } from 'react';

/**
 * A labelled text input with its validation message: the message is announced (role alert), and the
 * input is marked invalid and, when `errorId` is given, described by it.
 */
export function TextField({
  label,
  error,
  errorId,
  className = 'field',
  ...input
}: {
  label: string;
  error: string | null | undefined;
  errorId?: string;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'className'>) {
  return (
    <label className={className}>
      <span>{label}</span>
      <input
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error && errorId ? errorId : undefined}
      />
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
