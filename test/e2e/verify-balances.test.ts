// verify sums the voucher lines per balance key while it checks the voucher chain (vouchers read a
// batch at a time with their lines), then compares those sums with every balance table kept. Each
// test edits a copy of the demo ledger behind sanzi's back and asserts the finding; the batch size
// is varied to prove a voucher's lines are never split from it or lost at a batch boundary.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../harness.js';
import { openLedgerFile } from '../../src/store/db.js';
import { verifyDb } from '../../src/store/verify.js';
import { buildDemoLedger, copyLedger } from './trust-helpers.js';

let demo: Sandbox;
let sb: Sandbox;

beforeAll(() => {
  demo = new Sandbox('verify-balances-demo');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => {
  sb?.cleanup();
  demo?.cleanup();
});

function fresh(): Sandbox {
  sb?.cleanup();
  sb = new Sandbox('verify-balances');
  copyLedger(demo.db, sb.db);
  return sb;
}

/** SQL behind sanzi's back, with the named append-only triggers dropped and put back. */
function tamper(sql: string, triggers: string[] = []): void {
  const db = new Database(sb.db);
  try {
    db.pragma('foreign_keys = OFF');
    const defs = triggers.map((t) => db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(t) as string);
    for (const t of triggers) db.exec(`DROP TRIGGER ${t}`);
    db.exec(sql);
    for (const d of defs) db.exec(d);
  } finally {
    db.close();
  }
}

function one<T>(sql: string): T {
  const db = new Database(sb.db, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** verify's findings as "CODE message" lines, with vouchers read `batch` at a time. */
function findings(batch?: number): string[] {
  const db = openLedgerFile(sb.db, { keepJournalMode: true });
  try {
    return verifyDb(db, { batch }).map((e) => `${e.code} ${e.zh}${e.source?.voucher ? ` @${e.source.voucher}` : ''}`);
  } finally {
    db.close();
  }
}

describe('balances kept against the lines', () => {
  it('a member balance one fen off is named by account, member and month', async () => {
    fresh();
    const m = one<{ account: string; member: string; period: string }>('SELECT account, member, period FROM member_balances ORDER BY account, member, period LIMIT 1');
    tamper(`UPDATE member_balances SET debit = debit + 1 WHERE account = '${m.account}' AND member = '${m.member}' AND period = '${m.period}'`);
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toEqual(['BALANCES']);
    expect(r.stderr).toContain(`成员往来余额与凭证分录不符：${m.account} ${m.member} ${m.period}`);
  });

  it('a project balance deleted, and a counterparty balance no line has', async () => {
    fresh();
    const p = one<{ account: string; project: string; period: string }>('SELECT account, project, period FROM project_balances ORDER BY account, project, period LIMIT 1');
    tamper(`DELETE FROM project_balances WHERE account = '${p.account}' AND project = '${p.project}' AND period = '${p.period}'`);
    tamper("INSERT INTO party_balances(account, party, period, debit, credit) VALUES ('112', 'NOBODY', '2020-05', 0, 0)");
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toEqual(['BALANCES', 'BALANCES']);
    expect(r.stderr).toContain(`项目余额与凭证分录不符：${p.account} ${p.project} ${p.period}`);
    expect(r.stderr).toContain('往来单位余额与凭证分录不符：112 NOBODY 2020-05');
  });

  it('an opening balance changed: the 0000-00 key of its account', async () => {
    fresh();
    const o = one<{ id: number; account: string }>('SELECT id, account FROM opening_balances ORDER BY id LIMIT 1');
    tamper(`UPDATE opening_balances SET debit = debit + 5 WHERE id = ${o.id}`, ['opening_balances_no_update']);
    const r = await sb.run('verify');
    expect(r.codes).toContain('BALANCES');
    expect(r.stderr).toContain(`科目余额与凭证分录不符：${o.account} 0000-00 2`);
  });

  it('a line of no voucher is reported and counts in no balance', async () => {
    fresh();
    tamper("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (99999, 1, '101', 700, 0)");
    const r = await sb.run('verify');
    expect(r.code).toBe(3);
    expect(r.codes).toEqual(['AUDIT_VOUCHERS']);
  });
});

describe('vouchers read in batches', () => {
  it('a clean ledger is clean whatever the batch size', () => {
    fresh();
    for (const batch of [1, 2, 7, 100, undefined]) expect(findings(batch), `batch ${batch}`).toEqual([]);
  });

  it('damage at and around batch boundaries is found the same whatever the batch size', () => {
    fresh();
    // Vouchers 7, 8 and 14 (ids): with batches of 7 the first and last of a batch and the first of the next.
    tamper('UPDATE voucher_lines SET debit = debit + 100 WHERE voucher_id IN (7, 8, 14) AND line_no = 1', ['voucher_lines_no_update']);
    tamper("INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit) VALUES (0, 1, '101', 1, 0)");
    const all = findings();
    // Three vouchers, each unbalanced and off its hash; the orphan line; their account balances.
    expect(all.filter((f) => f.startsWith('HASH_CHAIN'))).toHaveLength(3);
    expect(all.filter((f) => f.startsWith('UNBALANCED'))).toHaveLength(3);
    expect(all.filter((f) => f.startsWith('AUDIT_VOUCHERS'))).toHaveLength(1);
    expect(all.some((f) => f.startsWith('BALANCES'))).toBe(true);
    for (const batch of [1, 2, 7, 8]) expect(findings(batch), `batch ${batch}`).toEqual(all);
  });
});
