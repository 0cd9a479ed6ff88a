// Share transfers (股份转让、继承、赠与、退出): shares move only between members of the collective,
// never more than the giver holds — on the transfer's date, nor on the date of any later movement
// of the same class. Pure: no clock, no I/O.
import type { LedgerError, Text } from './errors.js';
import { MemberErrors } from './errors/members.js';
import { ShareErrors } from './errors/shares.js';
import type { IsoDate } from './dates.js';
import { checkActiveMember, type MemberLookup } from './members.js';
import { formatUnits, holdingsAsOf, type Holding, type ShareMovement } from './shares.js';

/** Reasons a holding may move inside the collective (DOMAIN: transfer, inheritance, gift, paid exit). */
export const TRANSFER_REASONS = ['继承', '转让', '赠与', '退出'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export function isTransferReason(s: string): s is TransferReason {
  return (TRANSFER_REASONS as readonly string[]).includes(s);
}

/** A transfer as asked for: `units` 'all' moves the whole holding (of `shareClass`, when given). */
export interface TransferRequest {
  project: string;
  from: string;
  to: string;
  date: IsoDate;
  units: number | 'all';
  shareClass: string | null;
  reason: string;
}

export interface TransferLookup {
  members: MemberLookup;
  /** Every movement of the giver in the project, any date. */
  movementsOf(member: string): readonly ShareMovement[];
}

/** What the transfer moves, class by class. */
export interface TransferPlan {
  project: string;
  from: string;
  to: string;
  date: IsoDate;
  reason: TransferReason;
  moves: { shareClass: string; units: number }[];
  units: number;
  /** Said but not refused (an inheritance from a member still recorded as active). */
  notes: Text[];
}

const EMPTY: Holding = { total: 0, byClass: new Map() };

/** null if `units` may leave a holding of `held`, else why not (in shares). */
function exceeds(held: number, units: number): { reason: string; reasonEn: string } | null {
  if (units <= 0) {
    return { reason: `转出股数必须大于 0（实为 ${formatUnits(units)} 股）`, reasonEn: `the number of shares transferred must be greater than 0 (got ${formatUnits(units)})` };
  }
  if (units > held) {
    return {
      reason: `转出 ${formatUnits(units)} 股超过持有的 ${formatUnits(held)} 股`,
      reasonEn: `transferring ${formatUnits(units)} shares exceeds the ${formatUnits(held)} held`,
    };
  }
  return null;
}

const classList = (h: Holding, sep: string) => [...h.byClass].map(([c, u]) => `${c} ${formatUnits(u)}`).join(sep);

/**
 * Plan a transfer: the reason allowed, both members known, giver ≠ receiver, the receiver joined
 * and active on the date; then which classes move — a named class, the whole holding, or the only
 * class held (a part of a holding of several classes needs a class) — never more than held on the
 * date, and never so much that a later movement of the giver would leave a class negative.
 * Returns every error found, or the plan.
 */
export function planTransfer(req: TransferRequest, lookup: TransferLookup): { errors: LedgerError[]; plan?: TransferPlan } {
  const errors: LedgerError[] = [];
  if (!isTransferReason(req.reason)) errors.push(ShareErrors.TRANSFER_REASON(req.reason, TRANSFER_REASONS));
  const giver = lookup.members.member(req.from);
  if (!giver) errors.push(MemberErrors.MEMBER_UNKNOWN(req.from, 'from'));
  if (req.from === req.to) errors.push(ShareErrors.TRANSFER_SELF());
  else errors.push(...checkActiveMember(lookup.members, req.to, req.date, 'receive'));
  if (!giver) return { errors };

  const mine = lookup.movementsOf(req.from);
  const h = holdingsAsOf(mine, req.date).get(req.from) ?? EMPTY;
  const who = { giver: giver.id, name: giver.name, date: req.date };
  let moves: { shareClass: string; units: number }[] = [];
  if (req.shareClass !== null) {
    const held = h.byClass.get(req.shareClass) ?? 0;
    const want = req.units === 'all' ? held : req.units;
    const bad = exceeds(held, want);
    if (bad) errors.push(ShareErrors.TRANSFER_EXCEEDS({ ...who, shareClass: req.shareClass, held: formatUnits(held), ...bad }));
    else moves = [{ shareClass: req.shareClass, units: want }];
  } else {
    const want = req.units === 'all' ? h.total : req.units;
    const bad = exceeds(h.total, want);
    if (bad) errors.push(ShareErrors.TRANSFER_EXCEEDS({ ...who, shareClass: null, held: formatUnits(h.total), ...bad }));
    else if (want === h.total) moves = [...h.byClass].map(([shareClass, units]) => ({ shareClass, units }));
    else if (h.byClass.size === 1) moves = [{ shareClass: [...h.byClass.keys()][0], units: want }];
    else errors.push(ShareErrors.TRANSFER_CLASS(giver.id, giver.name, classList(h, '、'), classList(h, ', ')));
  }
  for (const m of moves) {
    const later = [...new Set(mine.filter((x) => x.date > req.date && x.shareClass === m.shareClass).map((x) => x.date))].sort();
    for (const d of later) {
      const held = holdingsAsOf(mine, d).get(req.from)?.byClass.get(m.shareClass) ?? 0;
      if (held - m.units < 0) {
        errors.push(ShareErrors.TRANSFER_EXCEEDS({ giver: giver.id, name: giver.name, laterDate: d, shareClass: m.shareClass, left: formatUnits(held - m.units) }));
        break;
      }
    }
  }
  if (errors.length) return { errors };
  const notes: Text[] = [];
  if (req.reason === '继承' && lookup.members.statusOn(req.from, req.date) === '正常') {
    notes.push({
      zh: `注意：${giver.name}（${giver.id}）在 ${req.date} 的状态仍为「正常」；如已故，请用 sanzi member status ${giver.id} --status 已故 --date … 登记`,
      en: `note: ${giver.id} is still active on ${req.date}; record the death with sanzi member status ${giver.id} --status 已故 --date …`,
    });
  }
  return {
    errors,
    plan: {
      project: req.project,
      from: req.from,
      to: req.to,
      date: req.date,
      reason: req.reason as TransferReason,
      moves,
      units: moves.reduce((a, m) => a + m.units, 0),
      notes,
    },
  };
}
