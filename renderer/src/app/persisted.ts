import { useCallback, useState } from 'react';

const PREFIX = 'taofolio.';

/** Read a remembered choice; anything missing, unparsable or no longer valid gives the fallback. */
export function readPersisted<T>(key: string, fallback: T, valid: (value: unknown) => value is T): T {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    if (raw === null) return fallback;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function writePersisted(key: string, value: unknown): void {
  try {
    if (value === undefined) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the choice lasts for this page view only.
  }
}

/**
 * useState that survives navigation and reloads (localStorage, this machine only). Keys name the page
 * and the choice, e.g. 'portfolio.range'. `valid` rejects values a newer or older version left behind.
 */
export function usePersistedState<T>(
  key: string,
  fallback: T,
  valid: (value: unknown) => value is T,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => readPersisted(key, fallback, valid));
  const set = useCallback(
    (next: T) => {
      writePersisted(key, next);
      setValue(next);
    },
    [key],
  );
  return [value, set];
}

/** A validator for one of a fixed list of values. */
export function oneOf<const T extends readonly unknown[]>(values: T): (value: unknown) => value is T[number] {
  return (value): value is T[number] => values.includes(value);
}
