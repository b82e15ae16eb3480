import { startTransition, useEffect, useState } from 'react';

/**
 * A value handed to a page's sections one section per task: section i gets a new value only after
 * section i − 1 has committed it, each in its own (interruptible) transition. So drawing a page of
 * charts, on arrival or when a recompute lands, is several short tasks rather than one long one, and
 * input and frames get in between. Each turn waits for a frame first (the task after the next
 * animation frame): what the last render committed (the headline's figures, the section before) is
 * painted before the next section's work starts, rather than after it (bench/ui.ts: navigation, and a
 * recompute's longest frame). Until its turn a section keeps its previous value (null before the
 * first); `stale` says which ones still do.
 */
export function useStaged<T>(value: T, sections: number): { values: (T | null)[]; stale: boolean[] } {
  const [shown, setShown] = useState<(T | null)[]>(() => Array.from({ length: sections }, () => null));
  const next = shown.findIndex((v) => v !== value);
  useEffect(() => {
    if (next < 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        startTransition(() => setShown((s) => s.map((v, i) => (i === next ? value : v))));
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [next, value]);
  return { values: shown, stale: shown.map((v) => v !== value) };
}
