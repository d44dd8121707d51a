/** The one rule for remote endpoints: https only, plain http only to this machine (tests, emulators). */

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '[::1]', '::1']);

/** True for a loopback host name: `localhost`, `::1` or an address of 127.0.0.0/8. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * A URL as it may appear in a message: scheme, host, port and path only — no user name, password,
 * query or fragment (any of which may carry a secret). A value that is not a URL is not echoed.
 */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

/**
 * Why `value` is not an allowed remote endpoint, in words that follow a config key
 * (`'crm.loginUrl' must …`), or `undefined` when it is allowed. The URL is echoed only through
 * {@link displayUrl}, so credentials in it never reach a message.
 */
export function remoteUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'must be a URL such as https://example.com';
  }
  if (url.username !== '' || url.password !== '') {
    return `must not contain credentials (user:password@): give them in crm.auth instead (got ${displayUrl(value)})`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return `must be an https:// URL (http:// only for 127.0.0.1, ::1 or localhost) (got ${displayUrl(value)})`;
}

/** True for `https://…`, or `http://` to a loopback host; never with credentials in the URL. */
export function isHttpsOrLoopbackUrl(value: string): boolean {
  return remoteUrlProblem(value) === undefined;
}
