// Run by .ci/contract-stack.mjs inside a temp project that installed the packed tarball: an adapter
// that answers without any call fails the contract, and every stack frame must name a shipped file.
import { describeCrmAdapterContract } from 'social-crm-connector/testing';

const fieldLimits = { caseSubject: 255, caseDescription: 32000, commentBodyBytes: 4000, contactLastName: 80, contactFirstName: 40 };
const adapter = {
  name: 'broken',
  describe: async () => ({ name: 'broken', fieldLimits, batchSizes: { lookup: 10, apply: 10 }, closedStatuses: ['Closed'], newCaseStatus: 'New', reopenStatus: 'Reopened' }),
  lookup: async () => ({ contacts: [], cases: [], comments: [] }),
  apply: async () => ({ contacts: [], cases: [], reopens: [], comments: [] }),
};

describeCrmAdapterContract({ name: 'broken', create: () => ({ adapter }) });
