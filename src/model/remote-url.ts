/** The one rule for remote endpoints: https only, plain http only to this machine (tests, emulators). */

const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '[::1]', '::1']);

/** True for a loopback host name: `localhost`, `::1` or an address of 127.0.0.0/8. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** True for `https://…`, or `http://` to a loopback host; never with credentials in the URL. */
export function isHttpsOrLoopbackUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}
