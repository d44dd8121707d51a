/**
 * What the adapter learned from its last lookups and writes, so `apply` needs no extra round trip:
 * the ids of Cases by External ID, which Contacts carry which External ID, the Cases a lookup asked
 * for and did not find (so they are new), and the comments already on the Cases whose comments
 * were read (or written by this adapter). Bounded: cleared when it grows past `MAX_ENTRIES`.
 */

const MAX_ENTRIES = 200_000;

/** The posts named by the comments of one Case (marker line → comment id). */
export interface CaseComments {
  /** Last lines of the form `provider:id`. */
  readonly exact: Map<string, string>;
  /** Last path segments of URL last lines. */
  readonly urlTails: Map<string, string>;
}

import type { ApplyWarning, LookupPost } from '../types.js';
import type { WantedPost } from './social-records.js';

/** Facts shared by `lookup` and `apply` of one adapter. */
export class Knowledge {
  readonly caseIdByKey = new Map<string, string>();
  /** Contact id → its External ID value (`null`: it has none). */
  readonly contactExternalId = new Map<string, string | null>();
  /** External post ids the last lookup asked for and found no Case for. */
  absentCaseKeys = new Set<string>();
  /** Cases whose comments are all known. */
  readonly commentsByCase = new Map<string, CaseComments>();
  /** Plan Contacts a duplicate rule matched to an existing Contact during the current apply (key → that Contact's id). */
  readonly duplicateOf = new Map<string, string>();
  /** External post id of a comment → the Case it is on (comments written or read by this adapter). */
  readonly caseOfComment = new Map<string, string>();
  /** External post id (`provider:id`) → its SocialPost id (social objects on). */
  readonly socialPostByKey = new Map<string, string>();
  /** External post ids whose SocialPost was looked for (found or not). */
  readonly socialChecked = new Set<string>();
  /** Identity key (`provider:userId`) → its SocialPersona id. */
  readonly personaByKey = new Map<string, string>();
  /** Identity keys whose SocialPersona was looked for. */
  readonly personaChecked = new Set<string>();
  /** Cases a lookup found without their SocialPost (a run killed between the two writes): created by the next apply. */
  readonly socialRepairs = new Map<string, WantedPost>();
  /** Contact id → its social handle (from lookups), for the SocialPersona's Name. */
  readonly contactHandle = new Map<string, string>();
  /** External post id → direction and author, as the last lookups' requests told (for SocialPosts of comments). */
  readonly postInfo = new Map<string, LookupPost>();
  /** Social writes refused since the last apply returned (reported by the next one). */
  readonly socialWarnings: ApplyWarning[] = [];
  /** External post id → how many times its SocialPost create was refused (retried up to a bound). */
  readonly socialRefusals = new Map<string, number>();

  /** Forgets everything when the maps grow too large (the next apply then checks before writing comments). */
  trim(): void {
    const size = this.caseIdByKey.size + this.contactExternalId.size + this.commentsByCase.size + this.caseOfComment.size + this.socialPostByKey.size + this.personaByKey.size + this.postInfo.size;
    if (size <= MAX_ENTRIES) return;
    for (const social of [this.socialPostByKey, this.personaByKey, this.contactHandle, this.postInfo]) social.clear();
    this.socialChecked.clear();
    this.personaChecked.clear();
    this.caseIdByKey.clear();
    this.contactExternalId.clear();
    this.commentsByCase.clear();
    this.caseOfComment.clear();
    this.absentCaseKeys = new Set();
  }

  /** Records that a comment naming `externalPostId` is on Case `caseId`. */
  addComment(caseId: string, externalPostId: string, commentId: string): void {
    let known = this.commentsByCase.get(caseId);
    if (known === undefined) {
      known = { exact: new Map(), urlTails: new Map() };
      this.commentsByCase.set(caseId, known);
    }
    known.exact.set(externalPostId, commentId);
    this.caseOfComment.set(externalPostId, caseId);
  }

  /** The comment on `caseId` naming the post, `null` when the Case's comments are known and none does, `undefined` when unknown. */
  commentFor(caseId: string, externalPostId: string): string | null | undefined {
    const known = this.commentsByCase.get(caseId);
    if (known === undefined) return undefined;
    const at = externalPostId.indexOf(':');
    const postId = at < 0 ? externalPostId : externalPostId.slice(at + 1);
    return known.exact.get(externalPostId) ?? known.urlTails.get(postId) ?? null;
  }
}
