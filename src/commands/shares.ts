// sanzi project add|list; sanzi shares (股东名册), shares grant|transfer|certificate; sanzi import shares
import fs from 'node:fs';
import path from 'node:path';
import { checkAccountAdd, parentOf } from '../domain/accounts.js';
import { refuseAll } from '../domain/errors.js';
import { Command, Option } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { maskIdCard } from '../domain/idcard.js';
import { Decimal, formatFen, formatFenGrouped, toDaxie } from '../domain/money.js';
import { checkTransfer, formatUnits, holdingsAsOf, isTransferReason, parseShares, TRANSFER_REASONS, type Holding } from '../domain/shares.js';
import type { IsoDate } from '../domain/dates.js';
import type { Context } from '../cli/context.js';
import { timestamp, today } from '../cli/context.js';
import { emit, examples, outputOptions, say, withLedger, type OutputOpts, fence } from '../cli/run.js';
import { optAmount, optDate } from '../cli/options.js';
import { readCsv } from '../io/csv-read.js';
import { SHARE_COLUMNS, grantDraft, grantRow, type GrantDraft } from '../io/shares-csv.js';
import type { Column, Row } from '../io/render.js';
import { MAX_REPORTED_ERRORS, importRefusal } from '../domain/errors/imports.js';
import { unitsValue } from './members.js';
import type { Ledger } from '../store/ledger.js';
import { householdHeads, listMembers, requireMember, StatusLookup, type MemberRow } from '../store/members.js';
import {
  getProject,
  insertProject,
  insertTransfer,
  listProjects,
  memberMovements,
  movementWriter,
  shareMovementsOf,
  registerAsOf,
  requireProject,
} from '../store/shares.js';

/** Check grants against the ledger: project and member known, member active on the date. */
function checkGrants(ledger: Ledger, drafts: readonly GrantDraft[]): LedgerError[] {
  const errors: LedgerError[] = [];
  const statuses = new StatusLookup(ledger);
  for (const g of drafts) {
    if (!getProject(ledger, g.project)) {
      errors.push(ledgerError('PROJECT_UNKNOWN', `项目「${g.project}」不存在`, `unknown project "${g.project}"`, g.source));
    }
    const m = statuses.member(g.member);
    if (!m) {
      errors.push(ledgerError('MEMBER_UNKNOWN', `成员「${g.member}」不存在`, `unknown member "${g.member}"`, g.source));
      continue;
    }
    const s = statuses.statusOn(g.member, g.date);
    if (s !== '正常') {
      errors.push(
        ledgerError(
          'MEMBER_INACTIVE',
          `成员「${g.member} ${m.name}」在 ${g.date} 的状态为「${s}」，不能配股`,
          `member "${g.member} ${m.name}" is not active on ${g.date} (${s}) and cannot be granted shares`,
          g.source,
        ),
      );
    }
  }
  return errors;
}

function writeGrants(ledger: Ledger, drafts: readonly GrantDraft[], now: string): void {
  const move = movementWriter(ledger, now);
  for (const g of drafts) move({ project: g.project, member: g.member, date: g.date, shareClass: g.shareClass, units: g.units, kind: 'grant', note: g.note });
}

export async function importShares(ctx: Context, ledger: Ledger, file: string): Promise<void> {
  const drafts: GrantDraft[] = [];
  const errors: LedgerError[] = [];
  await readCsv(file, {
    columns: SHARE_COLUMNS,
    onRow: (row) => {
      const r = grantRow(row, file);
      errors.push(...r.errors);
      if (r.draft) drafts.push(r.draft);
    },
  });
  errors.push(...checkGrants(ledger, drafts));
  if (errors.length) {
    errors.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0));
    throw importRefusal(errors.slice(0, MAX_REPORTED_ERRORS), errors.length);
  }
  ledger.write(fence(ctx, 'shares.import'), () => writeGrants(ledger, drafts, timestamp(ctx.now())));
  const total = drafts.reduce((a, g) => a + g.units, 0);
  say(ctx, `已导入配股 ${drafts.length} 行，共 ${formatUnits(total)} 股`, `imported ${drafts.length} grants, ${formatUnits(total)} shares`);
}


const pct = (units: number, total: number): string => (total === 0 ? '0.0000' : new Decimal(units).mul(100).div(total).toFixed(4));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Share classes in the order registers usually print them; others after, by name. */
const CLASS_ORDER = ['人口股', '基本股', '农龄股', '劳龄股', '集体股', '募集股', '现金股', '实物股', '劳务股', '土地股'];

function classCmp(a: string, b: string): number {
  const i = CLASS_ORDER.indexOf(a);
  const j = CLASS_ORDER.indexOf(b);
  if (i >= 0 && j >= 0) return i - j;
  if (i >= 0) return -1;
  if (j >= 0) return 1;
  return cmp(a, b);
}

function sharesText(units: number): string {
  return formatUnits(units);
}

interface HolderLine {
  member: string;
  name: string;
  household: string | null;
  units: number;
  value: number;
  byClass: Map<string, number>;
}

function holderLines(ledger: Ledger, reg: Map<string, Holding>, par: number): HolderLine[] {
  const members = new Map<string, MemberRow>(listMembers(ledger).map((m) => [m.id, m]));
  return [...reg].map(([id, h]) => ({
    member: id,
    name: members.get(id)?.name ?? '',
    household: members.get(id)?.household ?? null,
    units: h.total,
    value: unitsValue(h.total, par),
    byClass: h.byClass,
  }));
}

function writeText(ctx: Context, text: string, out?: string): void {
  if (out) {
    try {
      fs.writeFileSync(path.resolve(ctx.cwd, out), text);
    } catch (e) {
      throw new Refusal(ledgerError('OUT_FILE', `无法写入文件「${out}」：${(e as Error).message}`, `cannot write "${out}": ${(e as Error).message}`));
    }
    ctx.stderr(ctx.lang === 'en' ? `written to ${out}\n` : `已写入 ${out}\n`);
  } else ctx.stdout(text);
}

export function registerShares(program: Command, ctx: Context): void {
  // ---------------------------------------------------------------- projects
  const project = program.command('project').description('项目：各有一本股东名册和每股金额（main 为本集体股份）');
  examples(
    project
      .command('add')
      .description('新增项目（如汤泉民宿），定每股金额')
      .argument('<code>', '项目编码（字母、数字、-、_）')
      .requiredOption('--name <name>', '项目名称')
      .requiredOption('--par <amount>', '每股金额（元）')
      .option('--capital-account <code>', '资本科目（默认 301；可用 301 的明细科目，如 30101，不存在时以项目名称新建）'),
    ['sanzi project add tq --name 汤泉民宿 --par 1000', 'sanzi project add tq --name 汤泉民宿 --par 1,000.00 --capital-account 30101'],
  ).action(async (code: string, opts: { name: string; par: string; capitalAccount?: string }) => {
    code = code.trim();
    if (!/^[A-Za-z0-9_-]{1,20}$/.test(code)) {
      throw new Refusal(ledgerError('PROJECT_CODE', `项目编码「${code}」只能用字母、数字、- 和 _（不超过 20 个）`, `project code "${code}" may use letters, digits, - and _ (at most 20)`));
    }
    const name = opts.name.trim();
    if (name === '') throw new Refusal(ledgerError('PROJECT_NAME', '项目名称为空', 'the project name is empty'));
    const par = optAmount(opts.par, '--par');
    if (par <= 0) throw new Refusal(ledgerError('PROJECT_PAR', '每股金额必须大于 0', 'the par per share must be greater than 0'));
    const capitalAccount = (opts.capitalAccount ?? '301').trim();
    if (!/^301(\d\d)*$/.test(capitalAccount)) {
      throw new Refusal(
        ledgerError('PROJECT_CAPITAL_ACCOUNT', `资本科目「${capitalAccount}」应为 301 或其明细科目（如 30101）`, `the capital account "${capitalAccount}" must be 301 or one of its sub-accounts (e.g. 30101)`),
      );
    }
    await withLedger(ctx, async (ledger) => {
      const existing = getProject(ledger, code);
      if (existing) {
        throw new Refusal(ledgerError('PROJECT_EXISTS', `项目「${code}」已存在（${existing.name}）`, `project "${code}" already exists (${existing.name})`));
      }
      const now = timestamp(ctx.now());
      ledger.write(fence(ctx, 'project.add'), (tx) => {
        if (!ledger.account(capitalAccount)) {
          const check = checkAccountAdd(capitalAccount, name, tx.ledger);
          refuseAll(check.errors);
          tx.insertAccount(capitalAccount, name, tx.ledger.account(parentOf(capitalAccount)!)!);
        }
        insertProject(ledger, { code, name, par, capitalAccount }, now);
      });
      say(
        ctx,
        `已新增项目 ${code} ${name}，每股 ${formatFenGrouped(par)} 元，资本科目 ${capitalAccount}`,
        `project ${code} ${name} added, par ${formatFenGrouped(par)}, capital account ${capitalAccount}`,
      );
    });
  });

  examples(outputOptions(project.command('list').description('项目列表（含当前总股数）')), ['sanzi project list']).action(async (opts: OutputOpts) => {
    await withLedger(ctx, async (ledger) => {
      const asOf = today(ctx.now());
      const rows = listProjects(ledger).map((p) => {
        const reg = registerAsOf(ledger, p.code, asOf);
        const total = [...reg.values()].reduce((a, h) => a + h.total, 0);
        return { ...p, holders: reg.size, totalUnits: total };
      });
      await emit(
        ctx,
        {
          json: {
            projects: rows.map((p) => ({
              code: p.code,
              name: p.name,
              par: formatFen(p.par),
              capitalAccount: p.capitalAccount,
              holders: p.holders,
              totalShares: formatUnits(p.totalUnits),
            })),
          },
          table: {
            columns: [
              { key: 'code', zh: '项目编码', en: 'Code' },
              { key: 'name', zh: '项目名称', en: 'Name' },
              { key: 'par', zh: '每股金额', en: 'Par', kind: 'money' },
              { key: 'capitalAccount', zh: '资本科目', en: 'Capital acct' },
              { key: 'holders', zh: '股东人数', en: 'Holders', kind: 'int' },
              { key: 'totalShares', zh: '总股数', en: 'Total shares', kind: 'number' },
            ],
            rows: rows.map((p) => ({ ...p, totalShares: formatUnits(p.totalUnits) })),
          },
        },
        opts,
      );
    });
  });

  // ---------------------------------------------------------------- shares
  const shares = program.command('shares').description('股份：股东名册、配股、转让、股权证');

  examples(
    outputOptions(
      shares
        .command('register', { isDefault: true })
        .description('股东名册（sanzi shares --project CODE 即此命令）')
        .requiredOption('--project <code>', '项目编码')
        .option('--as-of <date>', '截至日期（默认今天）')
        .addOption(new Option('--group <group>', '按户汇总（也可写 --by household）').choices(['household'])),
    ),
    ['sanzi shares --project tq', 'sanzi shares --project tq --as-of 2017-06-30 --format json', 'sanzi shares --project main --group household --format csv --out 分户股份.csv'],
  ).action(async (opts: OutputOpts & { project: string; asOf?: string; group?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    await withLedger(ctx, async (ledger) => {
      const p = requireProject(ledger, opts.project.trim());
      const reg = registerAsOf(ledger, p.code, asOf);
      const lines = holderLines(ledger, reg, p.par);
      const total = lines.reduce((a, l) => a + l.units, 0);
      const classes = [...new Set(lines.flatMap((l) => [...l.byClass.keys()]))].sort(classCmp);
      const byClassTotal = new Map(classes.map((c) => [c, lines.reduce((a, l) => a + (l.byClass.get(c) ?? 0), 0)]));
      const totalValue = unitsValue(total, p.par);
      const en = ctx.lang === 'en';
      const title = {
        zh: `股东名册  ${p.code} ${p.name}  截至 ${asOf}  每股 ${formatFenGrouped(p.par)} 元`,
        en: `Register of shareholders  ${p.code} ${p.name}  as of ${asOf}  par ${formatFenGrouped(p.par)}`,
      };
      const classCols: Column[] = classes.map((c, i) => ({ key: `c${i}`, zh: c, en: c, kind: 'number' }));
      const classCells = (m: Map<string, number>): Row => Object.fromEntries(classes.map((c, i) => [`c${i}`, m.has(c) ? sharesText(m.get(c)!) : '']));
      if (opts.group === 'household') {
        const heads = householdHeads(ledger);
        const groups = new Map<string, HolderLine[]>();
        for (const l of lines) {
          const k = l.household ?? '';
          groups.set(k, [...(groups.get(k) ?? []), l]);
        }
        const hh = [...groups]
          .sort(([a], [b]) => cmp(a, b))
          .map(([household, ls]) => {
            const units = ls.reduce((a, l) => a + l.units, 0);
            const byClass = new Map<string, number>();
            for (const l of ls) for (const [c, u] of l.byClass) byClass.set(c, (byClass.get(c) ?? 0) + u);
            return { household, head: heads.get(household) ?? null, members: ls, units, byClass, value: unitsValue(units, p.par) };
          });
        emit(
          ctx,
          {
            json: {
              project: p.code,
              asOf,
              par: formatFen(p.par),
              households: hh.map((h) => ({
                household: h.household || null,
                head: h.head?.id ?? null,
                headName: h.head?.name ?? null,
                members: h.members.map((l) => l.member),
                shares: formatUnits(h.units),
                value: formatFen(h.value),
                percentage: pct(h.units, total),
                byClass: Object.fromEntries([...h.byClass].map(([c, u]) => [c, formatUnits(u)])),
              })),
              totalShares: formatUnits(total),
              totalValue: formatFen(totalValue),
            },
            table: {
              title,
              columns: [
                { key: 'household', zh: '户号', en: 'Household' },
                { key: 'head', zh: '户主', en: 'Head' },
                { key: 'count', zh: '持股人数', en: 'Holders', kind: 'int' },
                ...classCols,
                { key: 'shares', zh: '合计股数', en: 'Shares', kind: 'number' },
                { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
                { key: 'pct', zh: '占比%', en: '%', kind: 'number' },
              ],
              rows: hh.map((h) => ({
                household: h.household || (en ? '(none)' : '（无户号）'),
                head: h.head?.name ?? '',
                count: h.members.length,
                ...classCells(h.byClass),
                shares: formatUnits(h.units),
                value: h.value,
                pct: pct(h.units, total),
              })),
              footer: [{ household: en ? 'Total' : '合计', count: lines.length, ...classCells(byClassTotal), shares: formatUnits(total), value: totalValue, pct: total ? '100.0000' : '' }],
            },
          },
          opts,
        );
        return;
      }
      await emit(
        ctx,
        {
          json: {
            project: p.code,
            asOf,
            par: formatFen(p.par),
            holders: lines.map((l) => ({
              member: l.member,
              name: l.name,
              shares: formatUnits(l.units),
              value: formatFen(l.value),
              household: l.household,
              percentage: pct(l.units, total),
              byClass: Object.fromEntries([...l.byClass].map(([c, u]) => [c, formatUnits(u)])),
            })),
            totalShares: formatUnits(total),
            totalValue: formatFen(totalValue),
            byClass: Object.fromEntries([...byClassTotal].map(([c, u]) => [c, formatUnits(u)])),
          },
          table: {
            title,
            columns: [
              { key: 'member', zh: '成员编号', en: 'Member' },
              { key: 'name', zh: '姓名', en: 'Name' },
              { key: 'household', zh: '户号', en: 'Household' },
              ...classCols,
              { key: 'shares', zh: '合计股数', en: 'Shares', kind: 'number' },
              { key: 'value', zh: '股金', en: 'Value', kind: 'money' },
              { key: 'pct', zh: '占比%', en: '%', kind: 'number' },
            ],
            rows: lines.map((l) => ({
              member: l.member,
              name: l.name,
              household: l.household,
              ...classCells(l.byClass),
              shares: formatUnits(l.units),
              value: l.value,
              pct: pct(l.units, total),
            })),
            footer: [{ member: en ? 'Total' : '合计', name: en ? `${lines.length} holders` : `${lines.length} 人`, ...classCells(byClassTotal), shares: formatUnits(total), value: totalValue, pct: total ? '100.0000' : '' }],
          },
        },
        opts,
      );
    });
  });

  examples(
    shares
      .command('grant')
      .description('配股：不经出资的股份（折股量化，如人口股、农龄股）；批量请用 sanzi import shares')
      .requiredOption('--project <code>', '项目编码')
      .requiredOption('--member <id>', '成员编号')
      .requiredOption('--class <class>', '股种（人口股、农龄股……）')
      .requiredOption('--shares <n>', '股数（最多 4 位小数）')
      .requiredOption('--date <date>', '日期')
      .option('--note <text>', '说明'),
    ['sanzi shares grant --project main --member X001 --class 人口股 --shares 1 --date 2016-01-01'],
  ).action(async (opts: { project: string; member: string; class: string; shares: string; date: string; note?: string }) => {
    const r = grantDraft({ date: opts.date, member: opts.member, project: opts.project, class: opts.class, shares: opts.shares, note: opts.note });
    if (!r.draft) throw new Refusal(r.errors);
    const g = r.draft;
    await withLedger(ctx, async (ledger) => {
      const errors = checkGrants(ledger, [g]);
      if (errors.length) throw new Refusal(errors);
      ledger.write(fence(ctx, 'shares.grant'), () => writeGrants(ledger, [g], timestamp(ctx.now())));
      say(ctx, `已配股：${g.project} ${g.member} ${g.shareClass} ${formatUnits(g.units)} 股（${g.date}）`, `granted ${formatUnits(g.units)} ${g.shareClass} shares to ${g.member} in ${g.project}`);
    });
  });

  examples(
    shares
      .command('transfer')
      .description('股份转让（仅限本集体成员之间）：继承、转让、赠与、退出；记入历史，不改写')
      .requiredOption('--project <code>', '项目编码')
      .requiredOption('--from <id>', '转出成员')
      .requiredOption('--to <id>', '受让成员（须为正常状态）')
      .requiredOption('--shares <n>', '股数，或 all 表示全部')
      .requiredOption('--date <date>', '转让日期')
      .requiredOption('--reason <reason>', `原因：${TRANSFER_REASONS.join('|')}`)
      .option('--class <class>', '只转该股种（持有多个股种且非全部转出时必填）')
      .option('--note <text>', '说明'),
    [
      'sanzi shares transfer --project tq --from X007 --to X008 --shares all --date 2017-05-02 --reason 继承',
      'sanzi shares transfer --project tq --from X003 --to X004 --shares 2.5 --class 现金股 --date 2017-09-01 --reason 转让',
    ],
  ).action(async (opts: { project: string; from: string; to: string; shares: string; date: string; reason: string; class?: string; note?: string }) => {
    const date = optDate(opts.date, '--date');
    const reason = opts.reason.trim();
    if (!isTransferReason(reason)) {
      throw new Refusal(ledgerError('TRANSFER_REASON', `转让原因「${reason}」不正确，应为 ${TRANSFER_REASONS.join('、')}`, `transfer reason "${reason}" must be one of ${TRANSFER_REASONS.join(', ')}`));
    }
    const all = ['all', '全部'].includes(opts.shares.trim().toLowerCase());
    let units = 0;
    if (!all) {
      const s = parseShares(opts.shares);
      if (!s.ok) throw new Refusal(ledgerError('SHARES', `--shares：${s.reason}`, `--shares: ${s.reasonEn}`));
      units = s.value;
    }
    const from = opts.from.trim();
    const to = opts.to.trim();
    await withLedger(ctx, async (ledger) => {
      const p = requireProject(ledger, opts.project.trim());
      const statuses = new StatusLookup(ledger);
      const giver = statuses.member(from);
      const receiver = statuses.member(to);
      const errors: LedgerError[] = [];
      if (!giver) errors.push(ledgerError('MEMBER_UNKNOWN', `转出成员「${from}」不存在（只能在本集体成员之间转让）`, `unknown member "${from}" (shares move only between members)`));
      if (!receiver) errors.push(ledgerError('MEMBER_UNKNOWN', `受让成员「${to}」不存在（只能转让给本集体成员）`, `unknown member "${to}" (shares move only between members)`));
      if (errors.length) throw new Refusal(errors);
      if (from === to) throw new Refusal(ledgerError('TRANSFER_SELF', '转出和受让是同一成员', 'the giver and the receiver are the same member'));
      const rs = statuses.statusOn(to, date);
      if (rs !== '正常') {
        throw new Refusal(
          ledgerError('MEMBER_INACTIVE', `受让成员「${to} ${receiver!.name}」在 ${date} 的状态为「${rs}」，不能受让股份`, `the receiver "${to} ${receiver!.name}" is not active on ${date} (${rs})`),
        );
      }
      const mine = memberMovements(ledger, from, p.code);
      const h = holdingsAsOf(mine, date).get(from) ?? { total: 0, byClass: new Map<string, number>() };
      // Which classes move, and how many of each.
      let moves: [string, number][];
      const cls = opts.class?.trim();
      if (cls) {
        const held = h.byClass.get(cls) ?? 0;
        const want = all ? held : units;
        const bad = checkTransfer(held, want);
        if (bad) {
          throw new Refusal(ledgerError('TRANSFER_EXCEEDS', `${giver!.name}（${from}）在 ${date} 持有${cls} ${formatUnits(held)} 股：${bad.reason}`, `${from} holds ${formatUnits(held)} ${cls} shares on ${date}: ${bad.reasonEn}`));
        }
        moves = [[cls, want]];
      } else {
        const want = all ? h.total : units;
        const bad = checkTransfer(h.total, want);
        if (bad) {
          throw new Refusal(ledgerError('TRANSFER_EXCEEDS', `${giver!.name}（${from}）在 ${date} 持有 ${formatUnits(h.total)} 股：${bad.reason}`, `${from} holds ${formatUnits(h.total)} shares on ${date}: ${bad.reasonEn}`));
        }
        if (want === h.total) moves = [...h.byClass];
        else if (h.byClass.size === 1) moves = [[[...h.byClass.keys()][0], want]];
        else {
          throw new Refusal(
            ledgerError(
              'TRANSFER_CLASS',
              `${giver!.name}（${from}）持有多个股种（${[...h.byClass].map(([c, u]) => `${c} ${formatUnits(u)}`).join('、')}），部分转让请用 --class 指定股种`,
              `${from} holds several classes (${[...h.byClass].map(([c, u]) => `${c} ${formatUnits(u)}`).join(', ')}); name one with --class for a partial transfer`,
            ),
          );
        }
      }
      // The giver's later movements must never leave a class negative.
      for (const [c, u] of moves) {
        const later = [...new Set(mine.filter((m) => m.date > date && m.shareClass === c).map((m) => m.date))];
        for (const d of later) {
          const held = holdingsAsOf(mine, d as IsoDate).get(from)?.byClass.get(c) ?? 0;
          if (held - u < 0) {
            throw new Refusal(
              ledgerError(
                'TRANSFER_EXCEEDS',
                `转出后 ${giver!.name}（${from}）在 ${d} 的${c}将为 ${formatUnits(held - u)} 股（该日之后已有转出）`,
                `after this transfer ${from} would hold ${formatUnits(held - u)} ${c} shares on ${d} (later movements exist)`,
              ),
            );
          }
        }
      }
      const total = moves.reduce((a, [, u]) => a + u, 0);
      if (reason === '继承' && statuses.statusOn(from, date) === '正常') {
        ctx.stderr(
          ctx.lang === 'en'
            ? `note: ${from} is still active on ${date}; record the death with sanzi member status ${from} --status 已故 --date …\n`
            : `注意：${giver!.name}（${from}）在 ${date} 的状态仍为「正常」；如已故，请用 sanzi member status ${from} --status 已故 --date … 登记\n`,
        );
      }
      const now = timestamp(ctx.now());
      ledger.write(fence(ctx, 'shares.transfer'), () => {
        const id = insertTransfer(ledger, { project: p.code, from, to, date, units: total, reason, note: opts.note?.trim() || null }, now);
        const move = movementWriter(ledger, now);
        for (const [c, u] of moves) {
          move({ project: p.code, member: from, date, shareClass: c, units: -u, kind: 'transfer', reason, note: opts.note?.trim() || null, transferId: id });
          move({ project: p.code, member: to, date, shareClass: c, units: u, kind: 'transfer', reason, note: opts.note?.trim() || null, transferId: id });
        }
      });
      say(
        ctx,
        `已登记股份${reason}：${p.code} ${giver!.name}（${from}）→ ${receiver!.name}（${to}）${formatUnits(total)} 股（${moves.map(([c, u]) => `${c} ${formatUnits(u)}`).join('、')}），${date}`,
        `recorded ${reason}: ${p.code} ${from} → ${to} ${formatUnits(total)} shares on ${date}`,
      );
    });
  });

  examples(
    shares
      .command('certificate')
      .description('股权证：打印用文本（证号、股东、脱敏身份证号、各股种股数、每股金额、日期）')
      .argument('<member>', '成员编号')
      .requiredOption('--project <code>', '项目编码')
      .option('--as-of <date>', '持股截至日期（默认今天）')
      .option('--date <date>', '发证日期（默认今天）')
      .addOption(new Option('--format <format>', '输出格式 text|json').choices(['text', 'json']).default('text'))
      .option('--out <file>', '写入文件'),
    ['sanzi shares certificate X001 --project tq', 'sanzi shares certificate X001 --project tq --as-of 2017-12-31 --out 股权证-X001.txt'],
  ).action(async (memberId: string, opts: { project: string; asOf?: string; date?: string; format: string; out?: string }) => {
    const asOf = opts.asOf ? optDate(opts.asOf, '--as-of') : today(ctx.now());
    const issued = opts.date ? optDate(opts.date, '--date') : today(ctx.now());
    await withLedger(ctx, async (ledger) => {
      const p = requireProject(ledger, opts.project.trim());
      const m = requireMember(ledger, memberId.trim());
      const h = holdingsAsOf(memberMovements(ledger, m.id, p.code), asOf).get(m.id);
      if (!h) {
        throw new Refusal(ledgerError('NO_HOLDING', `${m.name}（${m.id}）在 ${asOf} 未持有项目 ${p.code} 的股份`, `${m.id} holds no shares of ${p.code} on ${asOf}`));
      }
      const org = ledger.meta('name') ?? '';
      const number = `${p.code.toUpperCase()}-${m.id}`;
      const value = unitsValue(h.total, p.par);
      const json = {
        number,
        organization: org,
        project: p.code,
        projectName: p.name,
        member: m.id,
        name: m.name,
        idCard: maskIdCard(m.idCard),
        household: m.household,
        par: formatFen(p.par),
        byClass: Object.fromEntries([...h.byClass].map(([c, u]) => [c, formatUnits(u)])),
        shares: formatUnits(h.total),
        value: formatFen(value),
        asOf,
        date: issued,
      };
      if (opts.format === 'json') {
        writeText(ctx, JSON.stringify(json, null, 2) + '\n', opts.out);
        return;
      }
      const lines = [
        '股 权 证',
        '',
        `证号：${number}`,
        `发证单位：${org}`,
        `项目：${p.name}（${p.code}）`,
        `股东：${m.name}（成员编号 ${m.id}${m.household ? `，户号 ${m.household}` : ''}）`,
        `身份证号：${maskIdCard(m.idCard) ?? ''}`,
        `每股金额：${formatFenGrouped(p.par)} 元`,
        `持股（截至 ${asOf}）：`,
        ...[...h.byClass].map(([c, u]) => `  ${c}  ${formatUnits(u)} 股  ${formatFenGrouped(unitsValue(u, p.par))} 元`),
        `  合计  ${formatUnits(h.total)} 股  股金 ${formatFenGrouped(value)} 元（大写：${toDaxie(value)}）`,
        '',
        '股份只在本集体经济组织成员之间转让、继承、赠与，转让须办理登记。',
        '',
        `发证日期：${issued}`,
        '（盖章）',
        '',
      ];
      writeText(ctx, lines.join('\n'), opts.out);
    });
  });
}
