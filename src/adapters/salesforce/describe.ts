/**
 * `describe`: ONE Composite call reads the describes of Case, Contact and the comment object (and of
 * SocialPost / SocialPersona unless `socialObjects: off`) and the CaseStatus values, and turns them
 * into the adapter's capabilities: field limits as the org has them, closed statuses from
 * `CaseStatus.IsClosed`. The describes are kept for the org check.
 */
import type { Connection } from 'jsforce';
import { ConnectorError } from '../../errors.js';
import type { CrmCallContext, FieldLimits } from '../types.js';
import { sendComposite, type Subrequest } from './composite.js';
import type { SalesforceComments, SocialObjectsMode } from './config.js';
import { MARKER_RESERVE_BYTES } from './comment-marker.js';
import { errorsOfBody } from './errors.js';
import { queryPath } from './query-builder.js';
import { DescribeSObjectSchema, QueryReplySchema, type DescribeSObject } from './wire-schemas.js';

/** What the adapter learned about the org. */
export interface OrgDescription {
  readonly objects: ReadonlyMap<string, DescribeSObject>;
  /** Objects the describe could not read, with the reason (`NOT_FOUND`: the org has no such object). */
  readonly missing: ReadonlyMap<string, string>;
  readonly statuses: readonly { readonly value: string; readonly isClosed: boolean }[];
  readonly fieldLimits: FieldLimits;
  /** True when SocialPost and SocialPersona are there and may be written. */
  readonly socialObjects: boolean;
  /** What the org's SocialPost / SocialPersona describes allow (only described fields and picklist values are sent). */
  readonly social: SocialSchema;
}

/** The writable fields and picklist values of the social objects, from their describes. */
export interface SocialSchema {
  readonly postFields: ReadonlySet<string>;
  readonly personaFields: ReadonlySet<string>;
  /** Active `SocialPost.Provider` values (empty: not described). */
  readonly providers: ReadonlySet<string>;
  /** Active `SocialPost.MessageType` values. */
  readonly messageTypes: ReadonlySet<string>;
  /** Field lengths, by `Object.Field`. */
  readonly lengths: ReadonlyMap<string, number>;
}

function socialSchemaOf(objects: ReadonlyMap<string, DescribeSObject>): SocialSchema {
  const fieldsOf = (name: string): DescribeSObject['fields'] => objects.get(name)?.fields ?? [];
  const createable = (name: string): Set<string> => new Set(fieldsOf(name).filter((f) => f.createable).map((f) => f.name));
  const picklist = (field: string): Set<string> => new Set(fieldsOf('SocialPost').find((f) => f.name === field)?.picklistValues.filter((v) => v.active).map((v) => v.value) ?? []);
  const lengths = new Map<string, number>();
  for (const name of ['SocialPost', 'SocialPersona']) for (const f of fieldsOf(name)) if (f.length > 0) lengths.set(`${name}.${f.name}`, f.length);
  return { postFields: createable('SocialPost'), personaFields: createable('SocialPersona'), providers: picklist('Provider'), messageTypes: picklist('MessageType'), lengths };
}

const STATUS_QUERY = 'SELECT ApiName, MasterLabel, IsClosed FROM CaseStatus';

function lengthOf(object: DescribeSObject | undefined, field: string, fallback: number): number {
  const found = object?.fields.find((f) => f.name === field)?.length;
  return found !== undefined && found > 0 ? found : fallback;
}

/** Reads the org's describes and statuses in one call. */
export async function describeOrg(
  connection: Connection,
  options: { apiVersion: string; comments: SalesforceComments; socialObjects: SocialObjectsMode },
  ctx: CrmCallContext,
): Promise<OrgDescription> {
  const base = `/services/data/v${options.apiVersion}`;
  const names = ['Case', 'Contact', options.comments.object, ...(options.socialObjects === 'off' ? [] : ['SocialPersona', 'SocialPost'])];
  const subrequests: Subrequest[] = [
    ...names.map((name): Subrequest => ({ limited: false, method: 'GET', url: `${base}/sobjects/${name}/describe`, referenceId: `describe${name}` })),
    { limited: true, method: 'GET', url: queryPath(options.apiVersion, STATUS_QUERY), referenceId: 'caseStatuses' },
  ];
  const replies = await sendComposite(connection, options.apiVersion, ctx, 'describe', 'read', () => subrequests);
  const objects = new Map<string, DescribeSObject>();
  const missing = new Map<string, string>();
  for (const name of names) {
    const reply = replies.get(`describe${name}`);
    const parsed = reply !== undefined && reply.httpStatusCode < 300 ? DescribeSObjectSchema.safeParse(reply.body) : undefined;
    if (parsed?.success) objects.set(name, parsed.data);
    else missing.set(name, reply === undefined ? 'no reply' : (errorsOfBody(reply.body, reply.httpStatusCode)[0]?.errorCode ?? 'unreadable'));
  }
  const statusReply = replies.get('caseStatuses');
  const statusParsed = statusReply !== undefined && statusReply.httpStatusCode < 300 ? QueryReplySchema.safeParse(statusReply.body) : undefined;
  if (!statusParsed?.success) throw new ConnectorError('Salesforce describe: cannot read the CaseStatus values (is the API user allowed to read Cases?)');
  const statuses = statusParsed.data.records.flatMap((r) => {
    const value = typeof r['ApiName'] === 'string' ? r['ApiName'] : r['MasterLabel'];
    return typeof value === 'string' ? [{ value, isClosed: r['IsClosed'] === true }] : [];
  });
  const kase = objects.get('Case');
  const contact = objects.get('Contact');
  const comment = objects.get(options.comments.object);
  const bodyField = options.comments.object === 'FeedItem' ? 'Body' : 'CommentBody';
  const fieldLimits: FieldLimits = {
    caseSubject: lengthOf(kase, 'Subject', 255),
    caseDescription: lengthOf(kase, 'Description', 32_000),
    commentBodyBytes: lengthOf(comment, bodyField, options.comments.object === 'FeedItem' ? 10_000 : 4_000) - MARKER_RESERVE_BYTES,
    contactLastName: lengthOf(contact, 'LastName', 80),
    contactFirstName: lengthOf(contact, 'FirstName', 40),
  };
  const social = ['SocialPersona', 'SocialPost'].every((n) => objects.get(n)?.createable === true);
  const socialOn = social && options.socialObjects !== 'off';
  return { objects, missing, statuses, fieldLimits, socialObjects: socialOn, social: socialSchemaOf(objects) };
}
