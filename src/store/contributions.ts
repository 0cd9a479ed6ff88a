// Contributions: check a batch against the ledger, then post each with its voucher and its shares,
// all inside the caller's transaction.
import { ledgerError, type LedgerError, type Source } from '../domain/errors.js';
import { DEFAULT_DEBIT, planContribution, type ContributionPlan } from '../domain/contribution.js';
import { CONTRIBUTION_KIND_LABELS, type ContributionKind } from '../domain/shares.js';
import type { Decimal, Fen } from '../domain/money.js';
import type { IsoDate } from '../domain/dates.js';
import type { VoucherDraft } from '../domain/voucher.js';
import type { Ledger, PostedVoucher, WriteTx } from './ledger.js';
import { StatusLookup } from './members.js';
import { getProject, insertContribution, movementWriter, nextContributionId, type ProjectRow } from './shares.js';

export type { ContributionDraft } from '../domain/contribution.js';
import type { ContributionDraft } from '../domain/contribution.js';

export interface ReadyContribution {
  draft: ContributionDraft;
  plan: ContributionPlan;
  debitAccount: string;
  voucher: VoucherDraft;
}

export interface PostedContribution extends ReadyContribution {
  id: number;
  posted: PostedVoucher;
}

/** Checks contributions one by one; keeps lookups between rows. */
export class ContributionChecker {
  private readonly statuses: StatusLookup;
  private readonly projects = new Map<string, ProjectRow | null>();

  constructor(
    private readonly ledger: Ledger,
    private readonly w: WriteTx,
  ) {
    this.statuses = new StatusLookup(ledger);
  }

  private project(code: string): ProjectRow | null {
    let p = this.projects.get(code);
    if (p === undefined) {
      p = getProject(this.ledger, code) ?? null;
      this.projects.set(code, p);
    }
    return p;
  }

  check(d: ContributionDraft): { errors: LedgerError[]; ready?: ReadyContribution } {
    const at = d.source;
    const errors: LedgerError[] = [];
    const project = this.project(d.project);
    if (!project) {
      errors.push(ledgerError('PROJECT_UNKNOWN', `项目「${d.project}」不存在`, `unknown project "${d.project}"`, at));
    }
    const member = this.statuses.member(d.member);
    if (!member) {
      errors.push(ledgerError('MEMBER_UNKNOWN', `成员「${d.member}」不存在`, `unknown member "${d.member}"`, at));
    } else {
      const s = this.statuses.statusOn(d.member, d.date);
      if (s !== '正常') {
        errors.push(
          ledgerError(
            'MEMBER_INACTIVE',
            `成员「${d.member} ${member.name}」在 ${d.date} 的状态为「${s}」，不能出资入股`,
            `member "${d.member} ${member.name}" is not active on ${d.date} (${s}) and cannot contribute`,
            at,
          ),
        );
      }
    }
    if (d.account !== null && !/^1\d*$/.test(d.account)) {
      errors.push(
        ledgerError(
          'CONTRIBUTION_ACCOUNT',
          `借方科目「${d.account}」应为资产类科目（1 开头，如 102、121、153、161）`,
          `the debit account "${d.account}" must be an asset account (starting with 1, e.g. 102, 121, 153, 161)`,
          at,
        ),
      );
    }
    if (!project || !member || errors.length) return { errors };
    let debitAccount = d.account ?? DEFAULT_DEBIT[d.kind];
    if (d.account === null) {
      const r = this.ledger.resolveLeaf(debitAccount, '借方科目 / --account');
      if ('error' in r) return { errors: [{ ...r.error, source: at }] };
      debitAccount = r.code;
    }
    const plan = planContribution({
      kind: d.kind,
      member: d.member,
      memberName: member.name,
      project: d.project,
      projectName: project.name,
      par: project.par,
      capitalAccount: project.capitalAccount,
      debitAccount,
      amount: d.amount,
      quantity: d.quantity,
      unitPrice: d.unitPrice,
      item: d.item ?? (d.kind === 'material' ? d.note : null),
      unit: d.unit,
    });
    if (!plan.ok) {
      const label = CONTRIBUTION_KIND_LABELS[d.kind];
      return { errors: [ledgerError('CONTRIBUTION_VALUE', `${label.zh}出资：${plan.reason}`, `${label.en} contribution: ${plan.reasonEn}`, at)] };
    }
    const voucher: VoucherDraft = {
      date: d.date,
      summary: plan.value.description,
      lines: plan.value.lines.map((l) => ({ ...l, source: at })),
      kind: 'contribution',
      source: at,
    };
    const vErrors = this.w.checkVoucher(voucher);
    if (vErrors.length) return { errors: vErrors };
    return { errors: [], ready: { draft: d, plan: plan.value, debitAccount, voucher } };
  }
}

/** Post checked contributions in order: voucher, contribution row, share movement. */
export function postContributions(ledger: Ledger, w: WriteTx, ready: readonly ReadyContribution[], now: string): PostedContribution[] {
  const move = movementWriter(ledger, now);
  let id = nextContributionId(ledger);
  const out: PostedContribution[] = [];
  for (const r of ready) {
    const d = r.draft;
    const summary = `出资第${id}号 ${r.voucher.summary}`;
    const posted = w.postChecked({ ...r.voucher, summary });
    insertContribution(
      ledger,
      {
        id,
        project: d.project,
        member: d.member,
        date: d.date,
        kind: d.kind,
        item: d.item,
        quantity: d.quantity?.toString() ?? null,
        unit: d.unit,
        unitPrice: d.unitPrice?.toString() ?? null,
        amount: r.plan.value,
        units: r.plan.units,
        capital: r.plan.capital,
        remainder: r.plan.remainder,
        debitAccount: r.debitAccount,
        voucherId: posted.id,
        note: d.note,
      },
      now,
    );
    if (r.plan.units > 0) {
      move({ project: d.project, member: d.member, date: d.date, shareClass: r.plan.shareClass, units: r.plan.units, kind: 'contribution', note: d.note, contributionId: id });
    }
    out.push({ ...r, id, posted });
    id++;
  }
  return out;
}
