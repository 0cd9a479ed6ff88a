// sanzi voucher add|list|show|review|reverse
import { Command } from 'commander';
import { Refusal, ledgerError } from '../domain/errors.js';
import { formatFen as fmt, parseAmount } from '../domain/money.js';
import { parseVoucherRef, reversalOf, voucherRef, type VoucherLine } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { timestamp, today } from '../cli/context.js';
import { emit, examples, optDate, optInt, optPeriod, outputOptions, say, withLedger, writeTx, type OutputOpts } from '../cli/helpers.js';
import type { Ledger } from '../store/ledger.js';
import { journalVouchers } from '../store/queries.js';

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

/** `513:120.00`, `113:500:m=M001`, `501:3000:p=tq` */
export function parseLineSpec(spec: string, side: 'debit' | 'credit', opt: string): VoucherLine {
  const parts = spec.split(/[:：]/);
  const account = (parts[0] ?? '').trim();
  const amount = parseAmount(parts[1] ?? '');
  if (account === '' || !amount.ok) {
    throw new Refusal(
      ledgerError(
        'LINE_SPEC',
        `${opt} ${spec}：应写作 科目:金额[:m=成员][:p=项目]，如 513:120.00${amount.ok ? '' : '（' + amount.reason + '）'}`,
        `${opt} ${spec}: write ACCOUNT:AMOUNT[:m=MEMBER][:p=PROJECT], e.g. 513:120.00${amount.ok ? '' : ' (' + amount.reasonEn + ')'}`,
      ),
    );
  }
  const line: VoucherLine = { account, debit: side === 'debit' ? amount.value : 0, credit: side === 'credit' ? amount.value : 0 };
  for (const p of parts.slice(2)) {
    const [k, ...rest] = p.split('=');
    const v = rest.join('=').trim();
    if (k.trim() === 'm') line.member = v;
    else if (k.trim() === 'p') line.project = v;
    else {
      throw new Refusal(
        ledgerError('LINE_SPEC', `${opt} ${spec}：不认识的「${p}」（用 m=成员编号 或 p=项目编码）`, `${opt} ${spec}: unknown "${p}" (use m=MEMBER or p=PROJECT)`),
      );
    }
  }
  return line;
}

export function findVoucher(ledger: Ledger, ref: string) {
  const r = parseVoucherRef(ref);
  if (!r) {
    throw new Refusal(
      ledgerError('VOUCHER_REF', `凭证号「${ref}」格式不正确，应为 2024-03/5`, `voucher reference "${ref}" is not valid; use 2024-03/5`),
    );
  }
  const v = ledger.voucherByRef(r.period, r.number);
  if (!v) {
    throw new Refusal(
      ledgerError('VOUCHER_UNKNOWN', `凭证 ${r.period} 记字第${r.number}号 不存在`, `voucher ${r.period}/${r.number} does not exist`),
    );
  }
  return v;
}

export function registerVoucher(program: Command, ctx: Context): void {
  const voucher = program.command('voucher').description('记账凭证：录入、查看、审核、红字冲销');

  examples(
    voucher
      .command('add')
      .description('录入一张记账凭证（借贷必须相等）')
      .requiredOption('--date <date>', '凭证日期 2024-03-05')
      .requiredOption('--summary <text>', '摘要')
      .option('--debit <spec>', '借方分录 科目:金额[:m=成员][:p=项目]，可重复', collect, [])
      .option('--credit <spec>', '贷方分录 科目:金额[:m=成员][:p=项目]，可重复', collect, [])
      .option('--attachments <n>', '附件张数', '0')
      .option('--preparer <name>', '制单人'),
    [
      'sanzi voucher add --date 2024-03-05 --summary 购买办公用品 --debit 513:120.00 --credit 101:120.00',
      'sanzi voucher add --date 2024-03-08 --summary 收汤泉门票 --debit 102:3000 --credit 501:3000:p=tq --attachments 2 --preparer 李会计',
    ],
  ).action(async (opts: { date: string; summary: string; debit: string[]; credit: string[]; attachments: string; preparer?: string }) => {
    const date = optDate(opts.date, '--date');
    const lines = [
      ...opts.debit.map((s) => parseLineSpec(s, 'debit', '--debit')),
      ...opts.credit.map((s) => parseLineSpec(s, 'credit', '--credit')),
    ];
    const attachments = optInt(opts.attachments, '--attachments');
    await withLedger(ctx, (ledger) => {
      const posted = writeTx(ledger, ctx, (w) =>
        w.post({ date, summary: opts.summary.trim(), lines, attachments, preparer: opts.preparer ?? null, kind: 'manual' }),
      );
      const total = lines.reduce((a, l) => a + l.debit, 0);
      say(
        ctx,
        `已记账：${posted.period} 记字第${posted.number}号（${posted.ref}），金额 ${fmt(total)}`,
        `posted ${posted.ref}, amount ${fmt(total)}`,
      );
    });
  });

  examples(
    outputOptions(
      voucher
        .command('list')
        .description('凭证列表')
        .option('--from <YYYY-MM>', '起始月份')
        .option('--to <YYYY-MM>', '截止月份'),
    ),
    ['sanzi voucher list --from 2024-03 --to 2024-03', 'sanzi voucher list --format csv --out 凭证.csv'],
  ).action(async (opts: OutputOpts & { from?: string; to?: string }) => {
    await withLedger(ctx, (ledger) => {
      const from = opts.from ? optPeriod(opts.from, '--from') : '0000-01';
      const to = opts.to ? optPeriod(opts.to, '--to') : '9999-12';
      const rows = ledger.db
        .prepare(
          `SELECT v.period, v.number, v.date, v.summary, v.attachments, v.preparer, r.reviewer,
                  (SELECT SUM(debit) FROM voucher_lines l WHERE l.voucher_id = v.id) AS amount
             FROM vouchers v LEFT JOIN voucher_reviews r ON r.voucher_id = v.id
            WHERE v.period BETWEEN ? AND ? ORDER BY v.period, v.number`,
        )
        .all(from, to) as { period: string; number: number; date: string; summary: string; attachments: number; preparer: string | null; reviewer: string | null; amount: number }[];
      emit(
        ctx,
        {
          json: {
            vouchers: rows.map((r) => ({
              ref: voucherRef(r.period, r.number),
              date: r.date,
              number: r.number,
              summary: r.summary,
              amount: fmt(r.amount),
              attachments: r.attachments,
              preparer: r.preparer,
              reviewer: r.reviewer,
            })),
          },
          table: {
            columns: [
              { key: 'date', zh: '日期', en: 'Date' },
              { key: 'ref', zh: '凭证号', en: 'Voucher' },
              { key: 'summary', zh: '摘要', en: 'Summary' },
              { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
              { key: 'attachments', zh: '附件', en: 'Att.', kind: 'int' },
              { key: 'preparer', zh: '制单', en: 'Prepared' },
              { key: 'reviewer', zh: '审核', en: 'Reviewed' },
            ],
            rows: rows.map((r) => ({ ...r, ref: `记-${r.number}` })),
          },
        },
        opts,
      );
    });
  });

  examples(outputOptions(voucher.command('show').description('查看一张凭证').argument('<ref>', '凭证号 YYYY-MM/N')), [
    'sanzi voucher show 2024-03/5',
  ]).action(async (ref: string, opts: OutputOpts) => {
    await withLedger(ctx, (ledger) => {
      const v = findVoucher(ledger, ref);
      const j = journalVouchers(ledger, { ids: [v.id] })[0];
      const reviewer = ledger.db.prepare('SELECT reviewer FROM voucher_reviews WHERE voucher_id = ?').pluck().get(v.id) as string | undefined;
      const names = new Map(ledger.allAccounts().map((a) => [a.code, a.name]));
      const total = j.lines.reduce((a, l) => a + l.debit, 0);
      emit(
        ctx,
        {
          json: {
            ref: voucherRef(v.period, v.number),
            date: v.date,
            number: v.number,
            summary: v.summary,
            attachments: v.attachments,
            preparer: v.preparer,
            reviewer: reviewer ?? null,
            kind: v.kind,
            lines: j.lines.map((l) => ({ account: l.account, name: names.get(l.account) ?? '', debit: fmt(l.debit), credit: fmt(l.credit), member: l.member, project: l.project })),
          },
          table: {
            title: {
              zh: `记账凭证  ${v.date}  记字第${v.number}号  摘要：${v.summary}  附件 ${v.attachments} 张`,
              en: `Voucher ${v.date} No. ${v.number}  ${v.summary}  attachments ${v.attachments}`,
            },
            columns: [
              { key: 'account', zh: '科目编码', en: 'Account' },
              { key: 'name', zh: '科目名称', en: 'Name' },
              { key: 'debit', zh: '借方金额', en: 'Debit', kind: 'money' },
              { key: 'credit', zh: '贷方金额', en: 'Credit', kind: 'money' },
              { key: 'member', zh: '成员', en: 'Member' },
              { key: 'project', zh: '项目', en: 'Project' },
            ],
            rows: j.lines.map((l) => ({ ...l, name: names.get(l.account) ?? '', debit: l.debit || null, credit: l.credit || null })),
            footer: [{ account: '合计', debit: total, credit: j.lines.reduce((a, l) => a + l.credit, 0) }],
            notes: [{ zh: `制单：${v.preparer ?? ''}    审核：${reviewer ?? ''}`, en: `prepared by: ${v.preparer ?? ''}    reviewed by: ${reviewer ?? ''}` }],
          },
        },
        opts,
      );
    });
  });

  examples(
    voucher.command('review').description('审核凭证（审核人不能是制单人）').argument('<ref>', '凭证号 YYYY-MM/N').requiredOption('--by <name>', '审核人'),
    ['sanzi voucher review 2024-03/5 --by 王主任'],
  ).action(async (ref: string, opts: { by: string }) => {
    await withLedger(ctx, (ledger) => {
      const v = findVoucher(ledger, ref);
      const by = opts.by.trim();
      if (by === '') throw new Refusal(ledgerError('REVIEWER', '审核人不能为空', 'the reviewer is empty'));
      if (v.preparer && v.preparer.trim() === by) {
        throw new Refusal(
          ledgerError('REVIEWER_IS_PREPARER', `审核人「${by}」与制单人相同，须由他人审核`, `the reviewer "${by}" prepared this voucher; someone else must review it`),
        );
      }
      const done = ledger.db.prepare('SELECT reviewer FROM voucher_reviews WHERE voucher_id = ?').pluck().get(v.id) as string | undefined;
      if (done) {
        throw new Refusal(ledgerError('ALREADY_REVIEWED', `该凭证已由「${done}」审核`, `already reviewed by "${done}"`));
      }
      writeTx(ledger, ctx, () => {
        ledger.db.prepare('INSERT INTO voucher_reviews(voucher_id, reviewer, reviewed_at) VALUES (?, ?, ?)').run(v.id, by, timestamp(ctx.now()));
      });
      say(ctx, `已审核 ${voucherRef(v.period, v.number)}（审核：${by}）`, `reviewed ${voucherRef(v.period, v.number)} by ${by}`);
    });
  });

  examples(
    voucher
      .command('reverse')
      .description('红字冲销：新凭证以负数重复原凭证各行；原凭证不改不删')
      .argument('<ref>', '凭证号 YYYY-MM/N')
      .option('--date <date>', '冲销凭证日期（默认今天）'),
    ['sanzi voucher reverse 2024-03/5 --date 2024-04-02'],
  ).action(async (ref: string, opts: { date?: string }) => {
    const date = opts.date ? optDate(opts.date, '--date') : today(ctx.now());
    await withLedger(ctx, (ledger) => {
      const v = findVoucher(ledger, ref);
      if (v.kind === 'year-close') {
        throw new Refusal(ledgerError('REVERSE_CLOSING', '年终结转凭证不能冲销', 'a year-end closing voucher cannot be reversed'));
      }
      const already = ledger.db.prepare('SELECT period, number FROM vouchers WHERE reverses = ?').get(v.id) as { period: string; number: number } | undefined;
      if (already) {
        throw new Refusal(
          ledgerError(
            'ALREADY_REVERSED',
            `该凭证已被 ${voucherRef(already.period, already.number)} 冲销`,
            `already reversed by ${voucherRef(already.period, already.number)}`,
          ),
        );
      }
      const draft = reversalOf({ date: v.date, number: v.number, lines: ledger.linesOf(v.id), summary: v.summary }, date);
      const posted = writeTx(ledger, ctx, (w) => w.post(draft, { reverses: v.id }));
      say(ctx, `已红字冲销 ${voucherRef(v.period, v.number)}：${posted.ref}「${draft.summary}」`, `reversed ${voucherRef(v.period, v.number)} with ${posted.ref}`);
    });
  });
}

