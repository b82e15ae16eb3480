import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { send } from '../api/client';
import { settingsQueries } from '../settings/queries';
import { errorMessage } from './ErrorNote';
import { oneOf, usePersistedState } from './persisted';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const THEME_LABEL: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Privacy mode (a saved setting) and the colour theme (this machine), always one click away. */
export function FrameToggles({ privacy }: { privacy: boolean }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (privacyMode: boolean) => send('settings:update', { privacyMode }),
    onSuccess: (settings) => client.setQueryData(settingsQueries.get().queryKey, settings),
  });
  const [theme, setTheme] = usePersistedState<Theme>('frame.theme', 'system', oneOf(THEMES));
  useEffect(() => {
    // styles.css picks colours with light-dark(), driven by color-scheme on the root element.
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="frame-toggles">
      <button
        type="button"
        aria-pressed={privacy}
        title="Hide every amount, percentage and chart (for screenshots or screen sharing)"
        onClick={() => save.mutate(!privacy)}
        disabled={save.isPending}
      >
        {privacy ? 'Show amounts' : 'Hide amounts'}
      </button>
      <label className="field inline">
        <span>Theme</span>
        <select
          value={theme}
          onChange={(e) => {
            if (oneOf(THEMES)(e.target.value)) setTheme(e.target.value);
          }}
        >
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {THEME_LABEL[t]}
            </option>
          ))}
        </select>
      </label>
      {save.error && <p className="error">{errorMessage(save.error)}</p>}
    </div>
  );
}
