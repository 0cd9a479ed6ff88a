// A roster in memory for the domain's MemberLookup: members with their joining date and status
// changes, as the ledger would answer for them.
import { statusAsOf, type MemberLookup, type MemberStatus, type StatusEvent } from '../src/domain/members.js';

export interface BookMember {
  id: string;
  name: string;
  joined?: string | null;
  /** The current status (default 正常). */
  status?: MemberStatus;
  /** Recorded changes, oldest first. */
  events?: StatusEvent[];
}

export function memberBook(list: readonly BookMember[]): MemberLookup {
  const byId = new Map(list.map((m) => [m.id, m]));
  return {
    member: (id) => {
      const m = byId.get(id);
      return m && { id: m.id, name: m.name, joined: m.joined ?? null };
    },
    statusOn: (id, date) => {
      const m = byId.get(id);
      return m ? statusAsOf(m.status ?? '正常', m.events ?? [], date) : null;
    },
  };
}
