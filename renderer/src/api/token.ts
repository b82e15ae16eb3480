// The web host's access token arrives in the URL it prints. It must not stay in the address bar or
// in browser history (anyone reading either could drive the API), so it moves to this tab's
// sessionStorage (gone when the tab closes; survives a reload) and the URL is rewritten in place.
const KEY = 'taofolio.token';

type Place = Pick<Window, 'location' | 'history' | 'sessionStorage'>;

export function takeToken(place: Place = window): string | null {
  const params = new URLSearchParams(place.location.search);
  const fromUrl = params.get('token');
  if (!fromUrl) return place.sessionStorage.getItem(KEY);
  place.sessionStorage.setItem(KEY, fromUrl);
  params.delete('token');
  const query = params.toString();
  place.history.replaceState(
    place.history.state,
    '',
    `${place.location.pathname}${query ? `?${query}` : ''}${place.location.hash}`,
  );
  return fromUrl;
}
