/**
 * Query parameters whose values are secrets: `token` of the verify-email and reset-password links, `sig` of the
 * unsubscribe links, and the usual names of secrets in URLs, should a link ever carry one.
 */
export const SECRET_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'token',
  'sig',
  'signature',
  'access_token',
  'refresh_token',
  'password',
  'secret',
]);

/**
 * The URL with the value of every secret query parameter replaced by `[REDACTED]`, for logs. Names are compared as
 * the query parser reads them (percent-decoded, `token[]` as `token`), in any case; everything else is kept as it was.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url.slice(q + 1);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return eq >= 0 && SECRET_QUERY_PARAMS.has(paramName(name)) ? `${name}=[REDACTED]` : pair;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${redacted}`;
}

function paramName(raw: string): string {
  let name = raw.replace(/\+/g, ' ');
  try {
    name = decodeURIComponent(name);
  } catch {
    // A malformed escape: compare the name as it is.
  }
  return name.replace(/\[.*$/, '').trim().toLowerCase();
}
