import { useEffect, useState } from 'react';
import { listenHostLink, type HostLink } from '../api/client';

/** After this many failed reconnects the host has probably gone for good, or come back with another token. */
const GIVE_UP_HINT_AFTER = 3;

/**
 * Says so when the page has lost its backend (the web host stopped or restarted): what is on screen
 * may be out of date, and the page reconnects and refetches by itself once the host answers again.
 */
export function HostLinkBanner() {
  const [link, setLink] = useState<HostLink>({ state: 'open' });
  useEffect(() => listenHostLink(setLink), []);
  if (link.state !== 'lost') return null;
  return (
    <p className="error banner" role="alert" data-testid="host-link">
      Lost the connection to the Taofolio host; reconnecting… What is shown may be out of date.
      {link.failedAttempts >= GIVE_UP_HINT_AFTER &&
        ' If the host was started again with another data folder, open the address it printed.'}
    </p>
  );
}
