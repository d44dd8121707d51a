/**
 * Contract test kit for vendors: run the same suites the project runs on its own adapters and
 * sources against yours (vitest). Import from `social-crm-connector/testing`.
 */
export { crmAdapterContractChecks, describeCrmAdapterContract, runCrmAdapterContractCheck } from './crm-adapter-contract.js';
export type {
  CrmAdapterContractOptions,
  CrmAdapterFactory,
  CrmAdapterUnderTest,
  CrmContractCheck,
  CrmContractSeeder,
  CrmContractSubject,
} from './crm-adapter-contract.js';
export {
  describeSourceContract,
  runSourceContractCheck,
  sourceContractChecks,
  sourceContractChecksFor,
  sourceContractFixture,
} from './source-contract.js';
export type {
  SourceContractCheck,
  SourceContractContext,
  SourceContractFactory,
  SourceContractOptions,
  SourceContractSetup,
} from './source-contract.js';
export { countingCallContext } from './call-counter.js';
export type { CountingCallContext } from './call-counter.js';
export { describeStateStoreContract } from './state-contract.js';
export type { StateStoreContractOptions } from './state-contract.js';
export { contractBatch, contractLetter, runStateWriter, CRASH_STREAM } from './state-contract-fixtures.js';
