import { createPublicKey, createVerify } from 'node:crypto';

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

function decodePart(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Verifies an RS256 JWS against a PEM public key or certificate; returns its claims or a reason. */
export function verifyRs256(assertion: string, publicKeyPem: string): JwtClaims | string {
  const parts = assertion.split('.');
  if (parts.length !== 3) return 'assertion is not a JWS compact serialization';
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = decodePart(headerPart);
    claims = decodePart(payloadPart);
  } catch {
    return 'assertion header or claims are not base64url JSON';
  }
  if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'RS256') {
    return 'assertion must be signed with RS256';
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${headerPart}.${payloadPart}`);
  const ok = verifier.verify(createPublicKey(publicKeyPem), Buffer.from(signaturePart, 'base64url'));
  if (!ok) return 'invalid assertion signature';
  if (typeof claims !== 'object' || claims === null) return 'assertion claims are not an object';
  return claims as JwtClaims;
}
