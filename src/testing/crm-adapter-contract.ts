/**
 * The contract every {@link CrmAdapter} must pass, as one vitest suite (like unstorage's driver
 * suite). Vendors run it on their adapter: `describeCrmAdapterContract({ name: 'mycrm', create })`.
 * It makes no assumption on id formats, uses unique keys (so it can run against a shared CRM) and
 * puts the records it needs into the CRM through the adapter's own `apply` (or the `seed` option).
 */
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { CrmAdapter } from '../adapters/types.js';
import { coreChecks } from './crm-contract-checks.js';
import { remoteChecks } from './crm-contract-remote-checks.js';
import {
  createSubject,
  type CrmAdapterContractOptions,
  type CrmAdapterFactory,
  type CrmAdapterUnderTest,
  type CrmContractCheck,
  type CrmContractSubject,
} from './crm-contract-subject.js';

export { runCrmAdapterContractCheck } from './crm-contract-subject.js';
export type {
  CrmAdapterContractOptions,
  CrmAdapterFactory,
  CrmAdapterUnderTest,
  CrmContractCheck,
  CrmContractSeeder,
  CrmContractSubject,
} from './crm-contract-subject.js';

/** Every check of the contract, in the order the suite runs them. */
export const crmAdapterContractChecks: readonly CrmContractCheck[] = [...coreChecks, ...remoteChecks];

/**
 * Registers the CRM adapter contract suite, one test per check, each on a fresh adapter from
 * `create`. Also callable as `describeCrmAdapterContract(name, create)`.
 */
export function describeCrmAdapterContract(options: CrmAdapterContractOptions): void;
export function describeCrmAdapterContract(name: string, create: CrmAdapterFactory): void;
export function describeCrmAdapterContract(nameOrOptions: string | CrmAdapterContractOptions, create?: CrmAdapterFactory): void {
  const options: CrmAdapterContractOptions =
    typeof nameOrOptions === 'string' ? { name: nameOrOptions, create: create ?? missingFactory } : nameOrOptions;
  describe(`CrmAdapter contract: ${options.name}`, () => {
    let underTest: CrmAdapterUnderTest;
    let subject: CrmContractSubject;

    beforeEach(async () => {
      underTest = await options.create();
      subject = await createSubject(underTest.adapter, options);
    });

    afterEach(async () => {
      if (underTest.cleanup) await underTest.cleanup();
      else await underTest.adapter.close?.();
    });

    for (const check of crmAdapterContractChecks) it(check.name, () => check.run(subject));
  });
}

function missingFactory(): never {
  throw new TypeError('describeCrmAdapterContract(name, create): create is missing');
}
