import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from './runtime.js';

/** A SOAP fault envelope as Salesforce returns it. */
export function soapFault(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>${code}</faultcode><faultstring>${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}

/** /services/Soap/*: not emulated yet; answers a SOAP fault so callers fail loudly. */
export async function handleSoap(rt: Runtime, req: IncomingMessage, res: ServerResponse, rawBody: string, url: URL): Promise<void> {
  void rawBody;
  rt.calls.add({ at: Date.now(), kind: 'soap', method: req.method ?? 'POST', path: url.pathname, status: 500, apiCalls: 0 });
  res.writeHead(500, { 'Content-Type': 'text/xml;charset=UTF-8' });
  res.end(soapFault('sf:UNKNOWN_EXCEPTION', 'This SOAP operation is not emulated'));
}
