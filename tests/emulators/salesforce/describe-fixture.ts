/**
 * Field facts of the standard objects the connector writes, copied from real describes
 * (Case and Contact: the recorded `GET /sobjects/{Case,Contact}/describe` replies in
 * shared/data/salesforce-cumulusci; CaseComment, FeedItem, SocialPost, SocialPersona and
 * CaseStatus: the Object Reference / Field Reference). Only the fields an integration can
 * touch or filter on are kept.
 *
 * Row: [name, label, type, length, flags, referenceTo?, relationshipName?, picklist?]
 * Flags: n nillable · c createable · u updateable · d defaultedOnCreate · f filterable ·
 * i idLookup · o sortable · x externalId · q unique · r restricted picklist ·
 * b length counted in UTF-8 bytes (CommentBody).
 */
export type FieldRow = readonly [
  name: string,
  label: string,
  type: string,
  length: number,
  flags: string,
  referenceTo?: readonly string[],
  relationshipName?: string | null,
  picklist?: readonly string[],
];

export interface ObjectRow {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly createable: boolean;
  readonly fields: readonly FieldRow[];
  /** Child relationships other describes name (e.g. Case → CaseComments). */
  readonly children?: readonly { childSObject: string; field: string; relationshipName: string }[];
}

const SYSTEM_FIELDS: readonly FieldRow[] = [
  ['IsDeleted', 'Deleted', 'boolean', 0, 'dfo'],
  ['CreatedDate', 'Created Date', 'datetime', 0, 'dfo'],
  ['CreatedById', 'Created By ID', 'reference', 18, 'dfo', ['User'], 'CreatedBy'],
  ['LastModifiedDate', 'Last Modified Date', 'datetime', 0, 'dfo'],
  ['LastModifiedById', 'Last Modified By ID', 'reference', 18, 'dfo', ['User'], 'LastModifiedBy'],
  ['SystemModstamp', 'System Modstamp', 'datetime', 0, 'dfo'],
];

export const CASE: ObjectRow = {
  name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500', createable: true,
  children: [
    { childSObject: 'CaseComment', field: 'ParentId', relationshipName: 'CaseComments' },
    { childSObject: 'Case', field: 'ParentId', relationshipName: 'Cases' },
    { childSObject: 'FeedItem', field: 'ParentId', relationshipName: 'Feeds' },
  ],
  fields: [
    ['Id', 'Case ID', 'id', 18, 'dfio'],
    ['CaseNumber', 'Case Number', 'string', 30, 'dfio'],
    ['ContactId', 'Contact ID', 'reference', 18, 'ncufo', ['Contact'], 'Contact'],
    ['AccountId', 'Account ID', 'reference', 18, 'ncufo', ['Account'], 'Account'],
    ['ParentId', 'Parent Case ID', 'reference', 18, 'ncufo', ['Case'], 'Parent'],
    ['SuppliedName', 'Name', 'string', 80, 'ncufo'],
    ['SuppliedEmail', 'Email Address', 'email', 80, 'ncufo'],
    ['SuppliedPhone', 'Phone', 'string', 40, 'ncufo'],
    ['SuppliedCompany', 'Company', 'string', 80, 'ncufo'],
    ['Type', 'Case Type', 'picklist', 40, 'ncufo', [], null, ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']],
    ['Status', 'Status', 'picklist', 40, 'ncudfo', [], null, []],
    ['Reason', 'Case Reason', 'picklist', 40, 'ncufo', [], null, ['Installation', 'Equipment Complexity', 'Performance', 'Breakdown', 'Equipment Design', 'Feedback', 'Other']],
    ['Origin', 'Case Origin', 'picklist', 40, 'ncufo', [], null, []],
    ['Subject', 'Subject', 'string', 255, 'ncufo'],
    ['Priority', 'Priority', 'picklist', 40, 'ncudfo', [], null, ['High', 'Medium', 'Low']],
    ['Description', 'Description', 'textarea', 32000, 'ncu'],
    ['IsClosed', 'Closed', 'boolean', 0, 'dfo'],
    ['ClosedDate', 'Closed Date', 'datetime', 0, 'nfo'],
    ['IsEscalated', 'Escalated', 'boolean', 0, 'cudfo'],
    ['OwnerId', 'Owner ID', 'reference', 18, 'cudfo', ['Group', 'User'], 'Owner'],
    ['Comments', 'Internal Comments', 'textarea', 4000, 'ncuo'],
    ...SYSTEM_FIELDS,
  ],
};

export const CONTACT: ObjectRow = {
  name: 'Contact', label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', createable: true,
  children: [{ childSObject: 'Case', field: 'ContactId', relationshipName: 'Cases' }],
  fields: [
    ['Id', 'Contact ID', 'id', 18, 'dfio'],
    ['AccountId', 'Account ID', 'reference', 18, 'ncufo', ['Account'], 'Account'],
    ['LastName', 'Last Name', 'string', 80, 'cufo'],
    ['FirstName', 'First Name', 'string', 40, 'ncufo'],
    ['Salutation', 'Salutation', 'picklist', 40, 'ncufo', [], null, ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']],
    ['Name', 'Full Name', 'string', 121, 'fo'],
    ['Phone', 'Business Phone', 'phone', 40, 'ncufo'],
    ['MobilePhone', 'Mobile Phone', 'phone', 40, 'ncufo'],
    ['Email', 'Email', 'email', 80, 'ncufio'],
    ['Title', 'Title', 'string', 128, 'ncufo'],
    ['Department', 'Department', 'string', 80, 'ncufo'],
    ['LeadSource', 'Lead Source', 'picklist', 255, 'ncufo', [], null, ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']],
    ['Description', 'Contact Description', 'textarea', 32000, 'ncu'],
    ['OwnerId', 'Owner ID', 'reference', 18, 'cudfo', ['User'], 'Owner'],
    ['PhotoUrl', 'Photo URL', 'url', 255, 'nfo'],
    ...SYSTEM_FIELDS,
  ],
};

export const CASE_COMMENT: ObjectRow = {
  name: 'CaseComment', label: 'Case Comment', labelPlural: 'Case Comments', keyPrefix: '00a', createable: true,
  fields: [
    ['Id', 'Case Comment ID', 'id', 18, 'dfio'],
    ['ParentId', 'Parent Case ID', 'reference', 18, 'cfo', ['Case'], 'Parent'],
    ['IsPublished', 'Published', 'boolean', 0, 'cudfo'],
    ['CommentBody', 'Body', 'textarea', 4000, 'ncub'],
    ['IsNotificationSelected', 'Notification Selected', 'boolean', 0, 'dfo'],
    ...SYSTEM_FIELDS,
  ],
};

export const FEED_ITEM: ObjectRow = {
  name: 'FeedItem', label: 'Feed Item', labelPlural: 'Feed Items', keyPrefix: '0D5', createable: true,
  fields: [
    ['Id', 'Feed Item ID', 'id', 18, 'dfio'],
    ['ParentId', 'Parent ID', 'reference', 18, 'cfo', ['Case', 'Contact', 'User'], 'Parent'],
    ['Type', 'Feed Item Type', 'picklist', 40, 'ncdfor', [], null, ['TextPost', 'LinkPost', 'ContentPost', 'AdvancedTextPost']],
    ['Body', 'Body', 'textarea', 10000, 'ncu'],
    ['IsRichText', 'Is Rich Text', 'boolean', 0, 'cudfo'],
    ['Title', 'Title', 'string', 255, 'ncufo'],
    ['LinkUrl', 'Link URL', 'url', 1000, 'ncufo'],
    ['Visibility', 'Visibility', 'picklist', 40, 'ncdfor', [], null, ['AllUsers', 'InternalUsers']],
    ...SYSTEM_FIELDS,
  ],
};

const PROVIDERS = ['Facebook', 'Instagram', 'LinkedIn', 'Other', 'Twitter', 'WhatsApp', 'YouTube'];

export const SOCIAL_PERSONA: ObjectRow = {
  name: 'SocialPersona', label: 'Social Persona', labelPlural: 'Social Personas', keyPrefix: '0SP', createable: true,
  fields: [
    ['Id', 'Social Persona ID', 'id', 18, 'dfio'],
    ['Name', 'Social Handle', 'string', 255, 'cufo'],
    ['ParentId', 'Parent ID', 'reference', 18, 'cufo', ['Account', 'Contact', 'Lead', 'SocialPost'], 'Parent'],
    ['Provider', 'Social Network', 'picklist', 255, 'cufor', [], null, PROVIDERS],
    ['ExternalId', 'External ID', 'string', 255, 'ncufo'],
    ['RealName', 'Real Name', 'string', 255, 'ncufo'],
    ['ProfileUrl', 'Profile URL', 'url', 1000, 'ncufo'],
    ['ExternalPictureURL', 'External Picture URL', 'url', 1000, 'ncufo'],
    ['Followers', 'Followers', 'int', 0, 'ncufo'],
    ['IsDefault', 'Default', 'boolean', 0, 'cudfo'],
    ...SYSTEM_FIELDS,
  ],
};

export const SOCIAL_POST: ObjectRow = {
  name: 'SocialPost', label: 'Social Post', labelPlural: 'Social Posts', keyPrefix: '0ST', createable: true,
  fields: [
    ['Id', 'Social Post ID', 'id', 18, 'dfio'],
    ['Name', 'Name', 'string', 255, 'cufo'],
    ['Headline', 'Headline', 'string', 255, 'ncufo'],
    ['Content', 'Message', 'textarea', 32000, 'ncu'],
    ['ExternalPostId', 'External Post Id', 'string', 255, 'ncufo'],
    ['Handle', 'Social Handle', 'string', 255, 'ncufo'],
    ['IsOutbound', 'Is Outbound', 'boolean', 0, 'cudfo'],
    ['MessageType', 'Message Type', 'picklist', 40, 'ncufor', [], null, ['Comment', 'Direct', 'Post', 'PrivateMessage', 'Reply', 'Retweet', 'Tweet']],
    ['Provider', 'Social Network', 'picklist', 255, 'ncufor', [], null, PROVIDERS],
    ['ParentId', 'Parent ID', 'reference', 18, 'ncufo', ['Account', 'Case', 'Contact', 'Lead'], 'Parent'],
    ['PersonaId', 'Persona ID', 'reference', 18, 'ncufo', ['SocialPersona'], 'Persona'],
    ['ReplyToId', 'In Reply To ID', 'reference', 18, 'ncufo', ['SocialPost'], 'ReplyTo'],
    ['WhoId', 'Who ID', 'reference', 18, 'ncufo', ['Contact', 'Lead'], 'Who'],
    ['PostUrl', 'Post URL', 'url', 1000, 'ncufo'],
    ['Posted', 'Posted Date', 'datetime', 0, 'ncufo'],
    ...SYSTEM_FIELDS,
  ],
};

export const CASE_STATUS: ObjectRow = {
  name: 'CaseStatus', label: 'Case Status Value', labelPlural: 'Case Status Value', keyPrefix: '01J', createable: false,
  fields: [
    ['Id', 'Case Status Value ID', 'id', 18, 'dfio'],
    ['MasterLabel', 'Master Label', 'string', 255, 'nfo'],
    ['ApiName', 'Api Name', 'string', 255, 'fo'],
    ['SortOrder', 'Sort Order', 'int', 0, 'nfo'],
    ['IsDefault', 'Is Default', 'boolean', 0, 'dfo'],
    ['IsClosed', 'Is Closed', 'boolean', 0, 'dfo'],
    ...SYSTEM_FIELDS,
  ],
};
