/** Documented Salesforce reply shapes for the nock tests (REST API v62.0). */
export const INSTANCE = 'https://acme.my.salesforce.com';
export const LOGIN = 'https://login.salesforce.com';
export const V = '/services/data/v62.0';
export const LIMIT_INFO = { 'Sforce-Limit-Info': 'api-usage=1200/15000', 'Content-Type': 'application/json;charset=UTF-8' };

const field = (name: string, type: string, length: number, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  length,
  externalId: false,
  unique: false,
  idLookup: false,
  createable: true,
  updateable: true,
  filterable: true,
  picklistValues: [],
  ...extra,
});

/** Minimal describes with the fields the adapter reads (lengths as in a real org). */
export const DESCRIBES: Record<string, unknown> = {
  Case: {
    name: 'Case',
    createable: true,
    updateable: true,
    queryable: true,
    fields: [
      field('Subject', 'string', 255),
      field('Description', 'textarea', 32_000),
      field('Status', 'picklist', 255, { picklistValues: ['New', 'Working', 'Closed'].map((value) => ({ value, active: true })) }),
      field('Origin', 'picklist', 255, { picklistValues: ['Phone', 'Twitter'].map((value) => ({ value, active: true })) }),
      field('Social_Post_Id__c', 'string', 255, { externalId: true, unique: true, idLookup: true }),
      field('Social_Thread_Key__c', 'string', 255, { externalId: true, idLookup: true }),
    ],
  },
  Contact: {
    name: 'Contact',
    createable: true,
    updateable: true,
    queryable: true,
    fields: [
      field('LastName', 'string', 80),
      field('FirstName', 'string', 40),
      field('Social_Author_Id__c', 'string', 255, { externalId: true, unique: true, idLookup: true }),
      field('Social_Handle__c', 'string', 255),
    ],
  },
  CaseComment: { name: 'CaseComment', createable: true, updateable: true, queryable: true, fields: [field('CommentBody', 'textarea', 4_000, { filterable: false })] },
};

const picklist = (values: string[]) => ({ picklistValues: values.map((value) => ({ value, active: true })) });

/** SocialPost / SocialPersona describes (fields, lengths and picklists as the Object / Field Reference lists them). */
export const SOCIAL_DESCRIBES: Record<string, unknown> = {
  SocialPost: {
    name: 'SocialPost',
    createable: true,
    updateable: true,
    queryable: true,
    fields: [
      field('Name', 'string', 255),
      field('Content', 'textarea', 32_000, { filterable: false }),
      field('ExternalPostId', 'string', 255),
      field('Handle', 'string', 255),
      field('IsOutbound', 'boolean', 0),
      field('MessageType', 'picklist', 40, picklist(['Comment', 'Direct', 'Post', 'PrivateMessage', 'Reply', 'Retweet', 'Tweet'])),
      field('Provider', 'picklist', 255, picklist(['Facebook', 'Other', 'Twitter'])),
      field('ParentId', 'reference', 18),
      field('PersonaId', 'reference', 18),
      field('ReplyToId', 'reference', 18),
      field('WhoId', 'reference', 18),
      field('PostUrl', 'url', 1_000),
      field('Posted', 'datetime', 0),
    ],
  },
  SocialPersona: {
    name: 'SocialPersona',
    createable: true,
    updateable: true,
    queryable: true,
    fields: [
      field('Name', 'string', 255),
      field('ParentId', 'reference', 18),
      field('Provider', 'picklist', 255, picklist(['Facebook', 'Other', 'Twitter'])),
      field('ExternalId', 'string', 255),
      field('RealName', 'string', 255),
      field('ProfileUrl', 'url', 1_000),
      field('ExternalPictureURL', 'url', 1_000),
      field('Followers', 'int', 0),
    ],
  },
};

const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];

/** The Composite reply to the adapter's describe request. */
export function describeReply(body: { compositeRequest: { referenceId: string; url: string }[] }, social = false): unknown {
  return {
    compositeResponse: body.compositeRequest.map((sub) => {
      const name = /\/sobjects\/(\w+)\/describe$/.exec(sub.url)?.[1];
      if (name !== undefined) {
        const found = DESCRIBES[name] ?? (social ? SOCIAL_DESCRIBES[name] : undefined);
        return { body: found ?? NOT_FOUND, httpHeaders: {}, httpStatusCode: found ? 200 : 404, referenceId: sub.referenceId };
      }
      return {
        body: {
          totalSize: 3,
          done: true,
          records: [
            { attributes: { type: 'CaseStatus' }, ApiName: 'New', MasterLabel: 'New', IsClosed: false },
            { attributes: { type: 'CaseStatus' }, ApiName: 'Working', MasterLabel: 'Working', IsClosed: false },
            { attributes: { type: 'CaseStatus' }, ApiName: 'Closed', MasterLabel: 'Closed', IsClosed: true },
          ],
        },
        httpHeaders: {},
        httpStatusCode: 200,
        referenceId: sub.referenceId,
      };
    }),
  };
}
