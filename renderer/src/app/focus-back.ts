import { useCallback, useEffect, useRef, type RefObject } from 'react';

/**
 * Gives the focus back to the button that opened an inline form or question once it closes: call
 * `back(button)` where it closes, and the focus moves after the render that removes it (the focus
 * would otherwise drop to the page, and a keyboard user starts over from the top).
 */
export function useFocusBack(): (target: RefObject<HTMLElement | null>) => void {
  const pending = useRef<RefObject<HTMLElement | null> | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    pending.current.current?.focus();
    pending.current = null;
  });
  return useCallback((target) => {
    pending.current = target;
  }, []);
}
