// Hash routes: #/portfolio, #/subnets, #/subnets/5 (a subnet's detail), #/activity, … Parsing is
// pure so the frame, links and tests agree on one spelling.

export const NAV_PAGES = ['portfolio', 'subnets', 'activity', 'wallets', 'settings'] as const;
export type PageId = (typeof NAV_PAGES)[number];

export type Route = { page: PageId } | { page: 'subnet'; netuid: number };

/** The route a hash names, or null when it names none (an empty hash or an unknown page). */
export function parseRoute(hash: string): Route | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'subnets' && second !== undefined) {
    // A netuid is a u16: 0–65,535.
    if (!/^\d{1,5}$/.test(second) || Number(second) > 65_535 || parts.length > 2) return null;
    return { page: 'subnet', netuid: Number(second) };
  }
  if (parts.length !== 1) return null;
  return (NAV_PAGES as readonly string[]).includes(first!) ? { page: first as PageId } : null;
}

/** An address without a page: nothing after the #, or only "/". */
export function isBlankHash(hash: string): boolean {
  return hash.replace(/^#\/?/, '') === '';
}

export function routeHref(route: Route): string {
  return route.page === 'subnet' ? `#/subnets/${route.netuid}` : `#/${route.page}`;
}

/** Which navigation entry a route belongs to (a subnet's detail sits under Subnets). */
export function navPageOf(route: Route): PageId {
  return route.page === 'subnet' ? 'subnets' : route.page;
}

/** Where the app opens when the hash names nothing: Portfolio once a wallet exists, else Wallets. */
export function defaultRoute(walletCount: number): Route {
  return { page: walletCount > 0 ? 'portfolio' : 'wallets' };
}
