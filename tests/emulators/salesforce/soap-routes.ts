import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCreateMetadata } from './metadata-api.js';
import { upsertMetadataBody } from './permission-sets.js';
import type { Runtime } from './runtime.js';
import { elementText, escapeXml, soapEnvelope, soapFault } from './xml-lite.js';

function send(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { 'Content-Type': 'text/xml;charset=UTF-8' });
  res.end(xml);
}

function soapLogin(rt: Runtime, envelope: string, version: string): { status: number; xml: string } {
  const username = elementText(envelope, 'username');
  const password = elementText(envelope, 'password');
  const user = (rt.options.auth?.users ?? []).find((u) => u.username === username);
  if (!user || `${user.password ?? ''}${user.securityToken ?? ''}` !== password) {
    return { status: 500, xml: soapFault('sf:INVALID_LOGIN', 'INVALID_LOGIN: Invalid username, password, security token; or user locked out.') };
  }
  const sessionId = rt.sessions.issueAccessToken(user.username);
  const serverUrl = `${rt.url}/services/Soap/u/${version}/${rt.org.orgId.slice(0, 15)}`;
  return {
    status: 200,
    xml: soapEnvelope('urn:partner.soap.sforce.com', `<loginResponse><result><metadataServerUrl>${rt.url}/services/Soap/m/${version}/${rt.org.orgId.slice(0, 15)}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>${serverUrl}</serverUrl><sessionId>${escapeXml(sessionId)}</sessionId><userId>${rt.org.userId}</userId><userInfo><organizationId>${rt.org.orgId}</organizationId><userName>${escapeXml(user.username)}</userName></userInfo></result></loginResponse>`),
  };
}

/**
 * /services/Soap/u/{v}: partner login (what `conn.login()` without an OAuth client sends);
 * /services/Soap/m/{v}: Metadata API createMetadata (CustomField) and upsertMetadata (PermissionSet). Other operations fault loudly.
 */
export async function handleSoap(rt: Runtime, req: IncomingMessage, res: ServerResponse, rawBody: string, url: URL): Promise<void> {
  const method = req.method ?? 'POST';
  const [, , kind, version = ''] = url.pathname.split('/').filter(Boolean);
  const log = (status: number, apiCalls: number): void =>
    rt.calls.add({ at: Date.now(), kind: 'soap', method, path: url.pathname, status, apiCalls });
  if (kind === 'u' && /<(?:\w+:)?login[\s>]/.test(rawBody)) {
    const { status, xml } = soapLogin(rt, rawBody, version);
    log(status, 0);
    send(res, status, xml);
    return;
  }
  if (kind === 'm') {
    const token = elementText(rawBody, 'sessionId');
    if (!token || !rt.sessions.use(token)) {
      log(500, 0);
      send(res, 500, soapFault('sf:INVALID_SESSION_ID', 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session'));
      return;
    }
    if (!rt.api.budget.tryCharge()) {
      log(500, 0);
      send(res, 500, soapFault('sf:REQUEST_LIMIT_EXCEEDED', 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.'));
      return;
    }
    if (/<(?:\w+:)?createMetadata[\s>]/.test(rawBody)) {
      log(200, 1);
      send(res, 200, handleCreateMetadata(rt, rawBody));
      return;
    }
    if (/<(?:\w+:)?upsertMetadata[\s>]/.test(rawBody)) {
      log(200, 1);
      send(res, 200, soapEnvelope('http://soap.sforce.com/2006/04/metadata', upsertMetadataBody(rt, rawBody)));
      return;
    }
    log(500, 1);
    send(res, 500, soapFault('sf:UNKNOWN_EXCEPTION', 'The emulator only implements createMetadata (CustomField) and upsertMetadata (PermissionSet)'));
    return;
  }
  log(500, 0);
  send(res, 500, soapFault('sf:UNKNOWN_EXCEPTION', 'This SOAP operation is not emulated'));
}
