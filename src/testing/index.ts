/**
 * Contract test kit for vendors: run the same suites the project runs on its own adapters and
 * sources against yours (vitest). Import from `social-crm-connector/testing`.
 */
export { describeCrmAdapterContract } from './crm-adapter-contract.js';
export type { CrmAdapterFactory, CrmAdapterUnderTest } from './crm-adapter-contract.js';
export { describeSourceContract, sourceContractFixture } from './source-contract.js';
export type { SourceContractFactory, SourceContractOptions, SourceContractSetup } from './source-contract.js';
export { countingCallContext } from './call-counter.js';
export type { CountingCallContext } from './call-counter.js';
export { describeStateStoreContract } from './state-contract.js';
export type { StateStoreContractOptions } from './state-contract.js';
export { contractBatch, contractLetter, runStateWriter, CRASH_STREAM } from './state-contract-fixtures.js';
