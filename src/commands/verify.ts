// sanzi verify — recompute what the ledger keeps and report any damage (exit 3).
import { Command } from 'commander';
import { Refusal, ledgerError, type LedgerError } from '../domain/errors.js';
import { formatFenGrouped } from '../domain/money.js';
import { voucherRef } from '../domain/voucher.js';
import type { Context } from '../cli/context.js';
import { examples, say, withLedger } from '../cli/helpers.js';
import { GENESIS_HASH, voucherDigest, type Ledger } from '../store/ledger.js';

export function verifyLedger(ledger: Ledger): LedgerError[] {
  const db = ledger.db;
  const errors: LedgerError[] = [];
  const integrity = db.pragma('integrity_check', { simple: true }) as string;
  if (integrity !== 'ok') errors.push(ledgerError('SQLITE_INTEGRITY', `数据库文件损坏：${integrity}`, `database damaged: ${integrity}`));
  const triggers = db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_no_%'").pluck().get() as number;
  if (triggers < 6) errors.push(ledgerError('TRIGGERS', '只追加保护（触发器）被删除', 'the append-only triggers were removed'));

  // Hash chain, balance of each voucher, numbering without gaps.
  let prev = GENESIS_HASH;
  let cur: { id: number; period: string; number: number; date: string; summary: string; kind: string; reverses: number | null; hash: string } | null = null;
  let lines: { account: string; debit: number; credit: number; member: string | null; project: string | null }[] = [];
  const lastNumber = new Map<string, number>();
  const finish = () => {
    if (!cur) return;
    const ref = voucherRef(cur.period, cur.number);
    const h = voucherDigest(prev, { ...cur, lines });
    if (h !== cur.hash) errors.push(ledgerError('HASH_CHAIN', '凭证内容与防篡改校验码不符（凭证被改动或删除）', 'the voucher does not match its hash (altered or deleted)', { voucher: ref }));
    prev = cur.hash;
    const d = lines.reduce((a, l) => a + l.debit, 0);
    const c = lines.reduce((a, l) => a + l.credit, 0);
    if (d !== c) errors.push(ledgerError('UNBALANCED', `借贷不平：${formatFenGrouped(d)} ≠ ${formatFenGrouped(c)}`, `unbalanced: ${d} ≠ ${c}`, { voucher: ref }));
    if (lines.length === 0) errors.push(ledgerError('NO_LINES', '凭证没有分录', 'voucher has no lines', { voucher: ref }));
    const expected = (lastNumber.get(cur.period) ?? 0) + 1;
    if (cur.number !== expected) errors.push(ledgerError('NUMBER_GAP', `凭证号不连续：应为第${expected}号`, `numbering gap: expected ${expected}`, { voucher: ref }));
    lastNumber.set(cur.period, cur.number);
  };
  const it = db
    .prepare(
      `SELECT v.id, v.period, v.number, v.date, v.summary, v.kind, v.reverses, v.hash, l.account, l.debit, l.credit, l.member, l.project
         FROM vouchers v LEFT JOIN voucher_lines l ON l.voucher_id = v.id ORDER BY v.id, l.line_no`,
    )
    .iterate() as Iterable<{ id: number; period: string; number: number; date: string; summary: string; kind: string; reverses: number | null; hash: string; account: string | null; debit: number; credit: number; member: string | null; project: string | null }>;
  for (const r of it) {
    if (!cur || cur.id !== r.id) {
      finish();
      cur = { id: r.id, period: r.period, number: r.number, date: r.date, summary: r.summary, kind: r.kind, reverses: r.reverses, hash: r.hash };
      lines = [];
    }
    if (r.account !== null) lines.push({ account: r.account, debit: r.debit, credit: r.credit, member: r.member, project: r.project });
  }
  finish();

  // Kept balances against the lines.
  const diff = (sqlKept: string, sqlLines: string, what: string, whatEn: string) => {
    const bad = db.prepare(`SELECT * FROM (${sqlKept}) k FULL OUTER JOIN (${sqlLines}) x USING (k) WHERE k.d IS NOT x.d OR k.c IS NOT x.c LIMIT 20`).all() as { k: string }[];
    for (const b of bad) errors.push(ledgerError('BALANCES', `${what}与凭证分录不符：${b.k.replace(/\|/g, ' ')}`, `${whatEn} disagree with the voucher lines: ${b.k}`));
  };
  diff(
    `SELECT account || '|' || period || '|' || closing AS k, SUM(debit) AS d, SUM(credit) AS c FROM balances GROUP BY k`,
    `SELECT l.account || '|' || v.period || '|' || (v.kind = 'year-close') AS k, SUM(l.debit) AS d, SUM(l.credit) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id GROUP BY k`,
    '科目余额',
    'account balances',
  );
  diff(
    `SELECT account || '|' || member || '|' || period AS k, debit AS d, credit AS c FROM member_balances`,
    `SELECT l.account || '|' || l.member || '|' || v.period AS k, SUM(l.debit) AS d, SUM(l.credit) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE l.member IS NOT NULL GROUP BY k`,
    '成员往来余额',
    'member balances',
  );
  diff(
    `SELECT account || '|' || project || '|' || period AS k, debit AS d, credit AS c FROM project_balances`,
    `SELECT l.account || '|' || l.project || '|' || v.period AS k, SUM(l.debit) AS d, SUM(l.credit) AS c FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE l.project IS NOT NULL GROUP BY k`,
    '项目余额',
    'project balances',
  );
  return errors;
}

export function registerVerify(program: Command, ctx: Context): void {
  examples(program.command('verify').description('校验账套：防篡改校验链、借贷平衡、凭证号连续、余额与分录一致（发现损坏时退出码 3）'), ['sanzi verify']).action(
    async () => {
      await withLedger(ctx, (ledger) => {
        const errors = verifyLedger(ledger);
        if (errors.length) throw new Refusal(errors, 3);
        const n = ledger.db.prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
        say(ctx, `账套完好：${n} 张凭证，校验链、借贷平衡、编号与余额均一致`, `ledger intact: ${n} vouchers; hash chain, balance, numbering and balances agree`);
      });
    },
  );
}
