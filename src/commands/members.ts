// sanzi member add|list|show|status, sanzi import members
import fs from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { maskIdCard } from '../domain/idcard.js';
import { formatFen, formatFenGrouped, roundToFen, Decimal } from '../domain/money.js';
import { checkNewMembers, MEMBER_STATUSES, parseStatus, STATUS_EN, type MemberDraft } from '../domain/members.js';
import { CONTRIBUTION_KIND_LABELS, formatUnits, holdingsAsOf, UNITS_PER_SHARE } from '../domain/shares.js';
import { voucherRef } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { timestamp, today } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optDate } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { MEMBER_COLUMNS, memberDraft, memberRow } from '../io/members-csv.js';
import { renderJson, renderTable, type TableView } from '../io/render.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';
import type { Ledger } from '../store/ledger.js';
import { existingMembers, insertMembers, listMembers, memberEvents, recordStatus, requireMember } from '../store/members.js';
import { listContributions, listProjects, memberMovements, memberTransfers } from '../store/shares.js';
import { memberNetAsOf } from '../store/queries.js';

/** Value of a number of share units at a par, rounded once to the fen. */
export function unitsValue(units: number, par: number): number {
  return roundToFen(new Decimal(units).mul(par).div(UNITS_PER_SHARE));
}

export async function importMembers(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const drafts: MemberDraft[] = [];
  const errors: LedgerError[] = [];
  await readCsv(file, {
    columns: MEMBER_COLUMNS,
    onRow: (row) => {
      const r = memberRow(row, file);
      errors.push(...r.errors);
      drafts.push(r.draft);
    },
  });
  errors.push(...checkNewMembers(drafts, existingMembers(ledger)));
  if (errors.length) {
    errors.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0));
    throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
  }
  ledger.write(fence(ctx, 'member.import'), () => insertMembers(ledger, drafts, timestamp(ctx.now())));
  say(ctx, `已导入成员 ${drafts.length} 人`, `imported ${drafts.length} members`);
}


const memberColumns = [
  { key: 'id', zh: '成员编号', en: 'ID' },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'idCard', zh: '身份证号', en: 'ID card' },
  { key: 'household', zh: '户号', en: 'Household' },
  { key: 'relation', zh: '与户主关系', en: 'Relation' },
  { key: 'joined', zh: '加入日期', en: 'Joined' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'statusDate', zh: '状态日期', en: 'Status date' },
];

/** Write several tables (table format) or one JSON document. */
async function emitSections(ctx: Context, sections: TableView[], json: unknown, opts: OutputOpts): Promise<void> {
  if ((opts.format ?? 'table') !== 'table') {
    await emit(ctx, { json, table: sections[0] }, opts);
    return;
  }
  const text = (opts.format === 'json' ? renderJson(json) : sections.map((s) => renderTable(s, ctx.lang)).join('\n'));
  if (opts.out) {
    fs.writeFileSync(path.resolve(ctx.cwd, opts.out), text);
    ctx.stderr(ctx.lang === 'en' ? `written to ${opts.out}\n` : `已写入 ${opts.out}\n`);
  } else ctx.stdout(text);
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
    if (r.errors.length) throw new Refusal(r.errors);
    await withLedger(ctx, async (ledger) => {
      const errors = checkNewMembers([r.draft], existingMembers(ledger));
      if (errors.length) throw new Refusal(errors);
      ledger.write(fence(ctx, 'member.add'), () => insertMembers(ledger, [r.draft], timestamp(ctx.now())));
      say(ctx, `已登记成员 ${r.draft.id} ${r.draft.name}`, `member ${r.draft.id} ${r.draft.name} added`);
    });
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
    await withLedger(ctx, async (ledger) => {
      const rows = listMembers(ledger, { household: opts.household, status: opts.status }).map((m) => ({ ...m, idCard: maskIdCard(m.idCard) }));
      const shown = rows.map((m) => ({ ...m, status: ctx.lang === 'en' ? STATUS_EN[m.status] : m.status }));
      await emit(
        ctx,
        {
          json: {
            members: rows.map((m) => ({
              id: m.id,
              name: m.name,
              idCard: m.idCard,
              household: m.household,
              status: m.status,
              relation: m.relation,
              joined: m.joined,
              statusDate: m.statusDate,
            })),
          },
          table: {
            columns: memberColumns,
            rows: shown,
            notes: [{ zh: `共 ${rows.length} 人`, en: `${rows.length} members` }],
          },
          csv: {
            columns: [...memberColumns, { key: 'bank', zh: '开户银行', en: 'Bank' }],
            rows: shown,
          },
        },
        opts,
      );
    });
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
    await withLedger(ctx, async (ledger) => {
      const m = requireMember(ledger, id.trim());
      const events = memberEvents(ledger, m.id);
      const projects = listProjects(ledger);
      const mv = memberMovements(ledger, m.id);
      const holdings = projects.flatMap((p) => {
        const h = holdingsAsOf(
          mv.filter((x) => x.project === p.code),
          asOf,
        ).get(m.id);
        if (!h) return [];
        return [{ project: p.code, projectName: p.name, par: p.par, units: h.total, byClass: h.byClass, value: unitsValue(h.total, p.par) }];
      });
      const contributions = listContributions(ledger, { member: m.id }).filter((c) => c.date <= asOf);
      const transfers = memberTransfers(ledger, m.id).filter((t) => t.date <= asOf);
      const balance113 = memberNetAsOf(ledger, '113', asOf).get(m.id) ?? 0;
      const json = {
        id: m.id,
        name: m.name,
        idCard: m.idCard,
        household: m.household,
        relation: m.relation,
        joined: m.joined,
        status: m.status,
        statusDate: m.statusDate,
        bank: m.bank,
        bankAccount: m.bankAccount,
        asOf,
        statusHistory: events.map((e) => ({ date: e.date, status: e.status, previous: e.previous, note: e.note })),
        holdings: holdings.map((h) => ({
          project: h.project,
          projectName: h.projectName,
          shares: formatUnits(h.units),
          value: formatFen(h.value),
          byClass: Object.fromEntries([...h.byClass].map(([k, u]) => [k, formatUnits(u)])),
        })),
        contributions: contributions.map((c) => ({
          id: c.id,
          project: c.project,
          date: c.date,
          kind: c.kind,
          value: formatFen(c.amount),
          shares: formatUnits(c.units),
          voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
        })),
        transfers: transfers.map((t) => ({ project: t.project, date: t.date, from: t.from, to: t.to, shares: formatUnits(t.units), reason: t.reason })),
        balance113: formatFen(balance113),
      };
      const en = ctx.lang === 'en';
      const info: TableView = {
        title: { zh: `成员 ${m.id} ${m.name}`, en: `Member ${m.id} ${m.name}` },
        columns: [
          { key: 'k', zh: '项目', en: 'Field' },
          { key: 'v', zh: '内容', en: 'Value' },
        ],
        rows: [
          { k: en ? 'ID card' : '身份证号', v: m.idCard },
          { k: en ? 'Household' : '户号', v: m.household },
          { k: en ? 'Relation' : '与户主关系', v: m.relation },
          { k: en ? 'Joined' : '加入日期', v: m.joined },
          { k: en ? 'Status' : '状态', v: (en ? STATUS_EN[m.status] : m.status) + (m.statusDate ? ` (${m.statusDate})` : '') },
          { k: en ? 'Bank' : '开户银行', v: [m.bank, m.bankAccount].filter(Boolean).join(' ') },
          {
            k: en ? `113 balance at ${asOf}` : `内部往来(113)余额 ${asOf}`,
            v: `${formatFenGrouped(Math.abs(balance113))} ${balance113 > 0 ? (en ? 'Dr (owes the collective)' : '借（欠集体）') : balance113 < 0 ? (en ? 'Cr (owed by the collective)' : '贷（集体欠）') : ''}`.trim(),
          },
        ],
      };
      const sections: TableView[] = [info];
      sections.push({
        title: { zh: `持股（截至 ${asOf}）`, en: `Holdings at ${asOf}` },
        columns: [
          { key: 'project', zh: '项目', en: 'Project' },
          { key: 'classes', zh: '股种', en: 'Classes' },
          { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
          { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
        ],
        rows: holdings.map((h) => ({
          project: `${h.project} ${h.projectName}`,
          classes: [...h.byClass].map(([k, u]) => `${k} ${formatUnits(u)}`).join('，'),
          shares: formatUnits(h.units),
          value: h.value,
        })),
      });
      if (contributions.length) {
        sections.push({
          title: { zh: '出资记录', en: 'Contributions' },
          columns: [
            { key: 'date', zh: '日期', en: 'Date' },
            { key: 'project', zh: '项目', en: 'Project' },
            { key: 'kind', zh: '类型', en: 'Kind' },
            { key: 'value', zh: '价值', en: 'Value', kind: 'money' },
            { key: 'shares', zh: '股数', en: 'Shares', kind: 'number' },
            { key: 'voucher', zh: '凭证', en: 'Voucher' },
          ],
          rows: contributions.map((c) => ({
            date: c.date,
            project: c.project,
            kind: en ? CONTRIBUTION_KIND_LABELS[c.kind].en : CONTRIBUTION_KIND_LABELS[c.kind].zh,
            value: c.amount,
            shares: formatUnits(c.units),
            voucher: voucherRef(c.voucherPeriod, c.voucherNumber),
          })),
        });
      }
      if (transfers.length || events.length) {
        sections.push({
          title: { zh: '股份转让与状态变更', en: 'Transfers and status changes' },
          columns: [
            { key: 'date', zh: '日期', en: 'Date' },
            { key: 'what', zh: '事项', en: 'Event' },
          ],
          rows: [
            ...transfers.map((t) => ({
              date: t.date,
              what: en
                ? `${t.project}: ${formatUnits(t.units)} shares ${t.from} → ${t.to} (${t.reason})`
                : `${t.project}：${t.from} → ${t.to} ${formatUnits(t.units)} 股（${t.reason}）`,
            })),
            ...events.map((e) => ({ date: e.date, what: en ? `status ${STATUS_EN[e.previous]} → ${STATUS_EN[e.status]}` : `状态 ${e.previous} → ${e.status}${e.note ? '：' + e.note : ''}` })),
          ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
        });
      }
      await emitSections(ctx, sections, json, opts);
    });
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
    if (!status) {
      throw new Refusal(
        ledgerError('MEMBER_STATUS', `成员状态「${opts.status}」不正确，应为 正常、已故、迁出 或 退出`, `member status "${opts.status}" must be 正常, 已故, 迁出 or 退出`),
      );
    }
    const date = optDate(opts.date, '--date');
    await withLedger(ctx, async (ledger) => {
      const m = requireMember(ledger, id.trim());
      if (m.status === status) {
        throw new Refusal(ledgerError('MEMBER_STATUS_SAME', `成员 ${m.id} ${m.name} 的状态已是「${status}」`, `member ${m.id} is already ${STATUS_EN[status]}`));
      }
      const last = memberEvents(ledger, m.id).at(-1);
      if (last && date < last.date) {
        throw new Refusal(
          ledgerError('MEMBER_STATUS_DATE', `变更日期 ${date} 早于上次状态变更 ${last.date}`, `the date ${date} is before the last status change (${last.date})`),
        );
      }
      if (m.joined && date < m.joined) {
        throw new Refusal(ledgerError('MEMBER_STATUS_DATE', `变更日期 ${date} 早于加入日期 ${m.joined}`, `the date ${date} is before the member joined (${m.joined})`));
      }
      ledger.write(fence(ctx, 'member.status'), () => recordStatus(ledger, m.id, status, m.status, date, opts.note?.trim() || null, timestamp(ctx.now())));
      say(ctx, `成员 ${m.id} ${m.name}：${m.status} → ${status}（${date}）`, `member ${m.id} ${m.name}: ${STATUS_EN[m.status]} → ${STATUS_EN[status]} (${date})`);
    });
  });
}
