const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character case-safe suffix Salesforce appends to a 15-character id. */
export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX.charAt(bits);
  }
  return suffix;
}

/** Makes 18-character ids: key prefix, pod "5g", reserved "0", a base-62 counter, case-safe suffix. */
export class RecordIdFactory {
  private counter = 0;
  next(keyPrefix: string): string {
    this.counter += 1;
    let n = this.counter;
    let digits = '';
    for (let i = 0; i < 9; i += 1) {
      digits = BASE62.charAt(n % 62) + digits;
      n = Math.floor(n / 62);
    }
    const id15 = `${keyPrefix}5g0${digits}`;
    return id15 + caseSafeSuffix(id15);
  }
}

/** True for a syntactically valid 15- or 18-character Salesforce id. */
export function isSalesforceId(value: string): boolean {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(value)) return false;
  return value.length === 15 || caseSafeSuffix(value.slice(0, 15)) === value.slice(15);
}

/** Normalises a 15- or 18-character id to its 18-character form. */
export function toId18(value: string): string {
  return value.length === 15 ? value + caseSafeSuffix(value) : value;
}
