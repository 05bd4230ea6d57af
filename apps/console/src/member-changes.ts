import type { GroupMember } from '@eap/pipeline-ops';

/** How long the console shows that a member joined or left its group. */
export const MEMBER_CHANGE_KEPT_MS = 60_000;

/** A member that appeared in or disappeared from a group between two reads of it. */
export interface MemberChange {
  readonly kind: 'joined' | 'left';
  readonly memberId: string;
  /** Its instance id, or its clientId when that does not name an instance. */
  readonly label: string;
  /** When the read that saw the change was taken (epoch ms). */
  readonly at: number;
}

export const memberLabel = (m: Pick<GroupMember, 'instanceId' | 'clientId'>): string => m.instanceId ?? m.clientId;

/**
 * The members that left (in `before`, not in `after`) and joined (the other way round), by member id:
 * an instance that restarted has a new member id, so it shows as having left and joined again.
 */
export const memberChanges = (before: readonly GroupMember[], after: readonly GroupMember[], at: number): readonly MemberChange[] => {
  const [was, is] = [new Set(before.map((m) => m.memberId)), new Set(after.map((m) => m.memberId))];
  const change = (kind: MemberChange['kind']) => (m: GroupMember) => ({ kind, memberId: m.memberId, label: memberLabel(m), at });
  return [...before.filter((m) => !is.has(m.memberId)).map(change('left')), ...after.filter((m) => !was.has(m.memberId)).map(change('joined'))];
};

/** The changes of the last `keptMs` before `now`, oldest first. */
export const recentChanges = (changes: readonly MemberChange[], now: number, keptMs = MEMBER_CHANGE_KEPT_MS): readonly MemberChange[] =>
  changes.filter((c) => now - c.at < keptMs);
