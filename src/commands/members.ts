// sanzi member add|edit|list|show|status, sanzi import members
import { Command, Option } from 'commander';
import { Refusal, refuseAll, type LedgerError } from '../domain/errors.js';
import { MemberErrors } from '../domain/errors/members.js';
import { importRefusal } from '../domain/errors/imports.js';
import {
  checkMemberEdit,
  checkNewMembers,
  checkStatusChange,
  MEMBER_STATUSES,
  normalizeIdCard,
  parseStatus,
  STATUS_EN,
  type MemberDraft,
  type MemberEdit,
} from '../domain/members.js';
import { memberHoldings } from '../domain/shares.js';
import type { Context } from '../cli/context.js';
import { today } from '../cli/context.js';
import { emit, examples, fence, outputOptions, say, withLedger, type OutputOpts } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { MEMBER_COLUMNS, memberDraft, memberRow } from '../io/members-csv.js';
import { memberListView, memberView } from '../io/views/members.js';
import { LARGE_WRITE_ROWS, type Ledger } from '../store/ledger.js';
import { existingMembers, insertMembers, listMembers, lastContribution, memberEditLookup, memberEvents, recordStatus, requireMember, updateMember } from '../store/members.js';
import { listProjects } from '../store/projects.js';
import { memberMovements, memberTransfers } from '../store/shares.js';
import { listContributions } from '../store/contributions.js';
import { memberNetAsOf } from '../store/queries.js';

/** Every error of a batch, by line: the file's own problems and those against the ledger. */
const byLine = (errors: LedgerError[]) => [...errors].sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0));

export async function importMembers(ctx: Context, ledger: Ledger, file: string, sheet?: string): Promise<void> {
  const drafts: MemberDraft[] = [];
  const parseErrors: LedgerError[] = [];
  await readCsv(file, {
    sheet,
    columns: MEMBER_COLUMNS,
    collect: parseErrors,
    onRow: (row) => {
      const r = memberRow(row, file);
      parseErrors.push(...r.errors);
      drafts.push(r.draft);
    },
  });
  ledger.write(fence(ctx, 'member.import'), (tx) => {
    const errors = byLine([...parseErrors, ...checkNewMembers(drafts, existingMembers(tx.ledger))]);
    if (errors.length) throw importRefusal(errors, errors.length);
    insertMembers(tx, drafts);
    tx.describe(`导入成员 ${drafts.length} 人（${file}）`);
  }, { large: drafts.length >= LARGE_WRITE_ROWS });
  say(ctx, `已导入成员 ${drafts.length} 人`, `imported ${drafts.length} members`);
}

interface MemberEditOptions {
  name?: string;
  idCard?: string;
  household?: string;
  relation?: string;
  joined?: string;
  bank?: string;
  bankAccount?: string;
}

/** The options of `member edit` as the corrections they ask for ('' clears an optional field). */
function memberEditOf(o: MemberEditOptions): MemberEdit {
  const text = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());
  const edit: MemberEdit = { name: o.name, household: text(o.household), relation: text(o.relation), bank: text(o.bank), bankAccount: text(o.bankAccount) };
  if (o.idCard !== undefined) {
    if (o.idCard.trim() === '') edit.idCard = null;
    else {
      const r = normalizeIdCard(o.idCard);
      if ('error' in r) throw new Refusal(r.error);
      edit.idCard = r.value;
    }
  }
  if (o.joined !== undefined) edit.joined = o.joined.trim() === '' ? null : optDate(o.joined, '--joined');
  if (Object.values(edit).every((v) => v === undefined)) throw new Refusal(MemberErrors.MEMBER_EDIT_NOTHING(), 2);
  return edit;
}

/** One member's file on a date: holdings, contributions, transfers, status history, 113 balance. */
function memberFile(ledger: Ledger, id: string, asOf: string) {
  const member = requireMember(ledger, id);
  return {
    member,
    asOf,
    history: memberEvents(ledger, member.id),
    holdings: memberHoldings(member.id, listProjects(ledger), memberMovements(ledger, member.id), asOf),
    contributions: listContributions(ledger, { member: member.id, through: asOf }),
    transfers: memberTransfers(ledger, member.id).filter((t) => t.date <= asOf),
    balance113: memberNetAsOf(ledger, '113', asOf).get(member.id) ?? 0,
  };
}

export function registerMembers(program: Command, ctx: Context): void {
  const member = program.command('member').description('成员：登记、名册、查看、状态变更（正常、已故、迁出、退出）');

  examples(
    member
      .command('add')
      .description('登记一名成员（身份证号校验出生日期和校验位）')
      .argument('<id>', '成员编号')
      .requiredOption('--name <name>', '姓名')
      .option('--id-card <number>', '居民身份证号码（18 位）')
      .option('--household <no>', '户号')
      .option('--relation <text>', '与户主关系（户主、配偶、子、女……）')
      .option('--joined <date>', '加入日期')
      .option('--bank <name>', '开户银行')
      .option('--bank-account <no>', '银行账号'),
    [
      'sanzi member add X001 --name 邓志强 --id-card 441827196503121234 --household H01 --relation 户主',
      'sanzi member add X002 --name 李秀英 --household H01 --relation 配偶 --joined 2016-01-01',
    ],
  ).action(async (id: string, opts: { name: string; idCard?: string; household?: string; relation?: string; joined?: string; bank?: string; bankAccount?: string }) => {
    const r = memberDraft({ id, ...opts });
    refuseAll(r.errors);
    const d = r.draft;
    await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'member.add'), (tx) => {
        refuseAll(checkNewMembers([d], existingMembers(tx.ledger)));
        insertMembers(tx, [d]);
        tx.describe(`登记成员 ${d.id} ${d.name}`);
      }),
    );
    say(ctx, `已登记成员 ${d.id} ${d.name}`, `member ${d.id} ${d.name} added`);
  });

  examples(
    outputOptions(
      member
        .command('list')
        .description('成员名册（身份证号只显示前 6 位和后 4 位）')
        .option('--household <no>', '只列该户')
        .addOption(new Option('--status <status>', '只列该状态').choices([...MEMBER_STATUSES])),
    ),
    ['sanzi member list', 'sanzi member list --household H01', 'sanzi member list --format csv --out 成员名册.csv'],
  ).action(async (opts: OutputOpts & { household?: string; status?: string }) => {
    const rows = await withLedger(ctx, (ledger) => listMembers(ledger, { household: opts.household, status: opts.status }));
    await emit(ctx, memberListView(rows, ctx.lang), opts);
  });

  examples(
    outputOptions(
      member
        .command('show')
        .description('成员详情：完整身份证号、各项目持股、出资记录、内部往来余额')
        .argument('<id>', '成员编号')
        .option('--as-of <date>', '截至日期（默认今天）'),
    ),
    ['sanzi member show X001', 'sanzi member show X001 --as-of 2017-12-31 --format json'],
  ).action(async (id: string, opts: OutputOpts & { asOf?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const file = await withLedger(ctx, (ledger) => memberFile(ledger, id.trim(), asOf));
    await emit(ctx, memberView(file, ctx.lang), opts);
  });

  examples(
    member
      .command('edit')
      .description('更正成员信息（姓名、身份证号、户号、与户主关系、加入日期、开户银行、银行账号）；审计留痕记录修改前后的值；给空字符串清除可选项')
      .argument('<id>', '成员编号')
      .option('--name <name>', '姓名')
      .option('--id-card <number>', '居民身份证号码（18 位，校验出生日期和校验位）')
      .option('--household <no>', '户号')
      .option('--relation <text>', '与户主关系')
      .option('--joined <date>', '加入日期')
      .option('--bank <name>', '开户银行')
      .option('--bank-account <no>', '银行账号'),
    ['sanzi member edit X001 --bank-account 6228480000000000001 --bank 清新农商银行', 'sanzi member edit X005 --name 黄桂芳 --id-card 441827195102030526'],
  ).action(async (id: string, opts: MemberEditOptions) => {
    const edit = memberEditOf(opts);
    const r = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'member.edit'), (tx) => {
        const m = requireMember(tx.ledger, id.trim());
        const c = checkMemberEdit(m, edit, memberEditLookup(tx.ledger));
        refuseAll(c.errors);
        if (c.changed.length) {
          updateMember(tx, c.after);
          tx.describe(`更正成员 ${m.id} ${c.after.name}：${c.changed.map((x) => x.field).join('、')}`, { member: m.id, changes: c.changed });
        }
        return { m: c.after, changed: c.changed.map((x) => x.field) };
      }),
    );
    if (r.changed.length === 0) say(ctx, `成员 ${r.m.id} ${r.m.name} 的信息没有变化`, `member ${r.m.id}: nothing changed`);
    else say(ctx, `已更正成员 ${r.m.id} ${r.m.name}：${r.changed.join('、')}`, `member ${r.m.id} corrected: ${r.changed.join(', ')}`);
  });

  examples(
    member
      .command('status')
      .description('成员状态变更（正常、已故、迁出、退出），记入历史')
      .argument('<id>', '成员编号')
      .requiredOption('--status <status>', '新状态：正常|已故|迁出|退出')
      .requiredOption('--date <date>', '变更日期')
      .option('--note <text>', '说明'),
    ['sanzi member status X007 --status 已故 --date 2017-03-08', 'sanzi member status X012 --status 迁出 --date 2018-06-30 --note 户口迁往清远市区'],
  ).action(async (id: string, opts: { status: string; date: string; note?: string }) => {
    const status = parseStatus(opts.status);
    if (!status) throw new Refusal(MemberErrors.MEMBER_STATUS(opts.status));
    const date = optDate(opts.date, '--date');
    const m = await withLedger(ctx, (ledger) =>
      ledger.write(fence(ctx, 'member.status'), (tx) => {
        const m = requireMember(tx.ledger, id.trim());
        refuseAll(checkStatusChange(m, memberEvents(tx.ledger, m.id), { status, date }, lastContribution(tx.ledger, m.id)));
        recordStatus(tx, m.id, { status, previous: m.status, date, note: opts.note?.trim() || null });
        tx.describe(`成员 ${m.id} ${m.name} 状态：${m.status} → ${status}（${date}）`);
        return m;
      }),
    );
    say(ctx, `成员 ${m.id} ${m.name}：${m.status} → ${status}（${date}）`, `member ${m.id} ${m.name}: ${STATUS_EN[m.status]} → ${STATUS_EN[status]} (${date})`);
  });
}
