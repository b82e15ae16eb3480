// Validator names on screen: the cached identities' query and a hotkey shown by name, with the
// full hotkey on hover and when copied (helpers in validator-names.ts).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo, type ClipboardEvent } from 'react';
import { send } from '../api/client';
import { namesOf, validatorText, validatorTitle, type ValidatorNames } from './validator-names';

export const identitiesQuery = queryOptions({
  queryKey: ['identities'] as const,
  queryFn: () => send('chain:identities'),
});

const NONE: ValidatorNames = new Map();

export function useValidatorNames(): ValidatorNames {
  const { data } = useQuery(identitiesQuery);
  return useMemo(() => (data ? namesOf(data) : NONE), [data]);
}

/** Copying exactly the shown name (or short hotkey) copies the full hotkey instead. */
export function copyHotkey(event: ClipboardEvent<HTMLElement>, hotkey: string): void {
  const shown = event.currentTarget.textContent ?? '';
  if (document.getSelection()?.toString().trim() !== shown.trim()) return;
  event.clipboardData.setData('text/plain', hotkey);
  event.preventDefault();
}

/** A validator by name (or short hotkey), with the full hotkey on hover and for copying. */
export function Validator({ hotkey }: { hotkey: string }) {
  const names = useValidatorNames();
  return (
    <span
      className="validator"
      title={validatorTitle(hotkey, names)}
      data-hotkey={hotkey}
      onCopy={(e) => copyHotkey(e, hotkey)}
    >
      {validatorText(hotkey, names)}
    </span>
  );
}
