// verify catches what is changed behind sanzi's back. Each test edits a copy of the demo ledger
// (npm run demo) with better-sqlite3 directly — dropping the append-only triggers where it must and
// putting them back, as a careful intruder would — and asserts exit 3 with the specific finding.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox, runCli, type RunResult, expectRefused } from '../harness.js';
import { voucherDigest } from '../../src/store/voucher-writer.js';
import { openDatabase, openLedgerFile } from '../../src/store/db.js';
import { runChecks, verifyDb } from '../../src/store/verify.js';
import { checkIndexes } from '../../src/store/verify-indexes.js';
import { SCHEMA_DIGEST, SCHEMA_ROWS_SQL, schemaDigest, type SchemaRow } from '../../src/store/schema.js';
import { AUDIT_GENESIS, recordHash, type AuditRecordRow } from '../../src/store/audit.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import type { LedgerError } from '../../src/domain/errors.js';
import { buildDemoLedger, clean, copyLedger, ledgerDigest, sanziSync, tamperIndex } from './trust-helpers.js';

let demo: Sandbox; // holds the demo ledger, built once
let sb: Sandbox;

beforeAll(() => {
  demo = new Sandbox('verify-demo');
  buildDemoLedger(demo.db, demo.dir);
}, 120_000);
afterAll(() => demo?.cleanup());

function fresh(): Sandbox {
  sb?.cleanup();
  sb = new Sandbox('verify');
  copyLedger(demo.db, sb.db);
  return sb;
}

/** Run SQL on the ledger behind sanzi's back; the named triggers are dropped first and put back after. */
function tamper(file: string, sql: string, triggers: string[] = []): void {
  const db = new Database(file);
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

/** Edit the schema's own table (writable_schema), as an intruder rewriting a definition would. */
function writeSchema(file: string, sql: string, params: unknown[] = []): void {
  const db = new Database(file);
  try {
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** dividend_payments' CHECK (amount > 0) taken out of its definition. */
const dropCheckConstraint = (file: string) => writeSchema(file, "UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (amount > 0)', '') WHERE name = 'dividend_payments'");

function one<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

async function damaged(...codes: string[]): Promise<RunResult> {
  const r = await sb.run('verify');
  expect(r.code, r.stderr || r.stdout).toBe(3);
  expect(clean(r.stderr), r.stderr).toBe(true);
  for (const c of codes) expect(r.codes, r.stderr).toContain(c);
  return r;
}

describe('a clean ledger stays clean', () => {
  it("npm run demo's ledger verifies", async () => {
    fresh();
    const r = await sb.ok('verify');
    const db = new Database(sb.db, { readonly: true });
    const n = db.prepare('SELECT COUNT(*) FROM vouchers').pluck().get() as number;
    db.close();
    expect(n).toBeGreaterThan(150);
    expect(r.stdout).toContain(`账套完好：${n} 张凭证`);
    expect(r.stdout).toContain('台账索引与表逐条相符');
  });
});

describe('edits behind sanzi’s back', () => {
  it('an amount: a contract payment', async () => {
    fresh();
    const p = one<{ id: number; ref: string; contract: string }>(sb.db, "SELECT p.id, v.period || '/' || v.number AS ref, p.contract FROM contract_payments p JOIN vouchers v ON v.id = p.voucher_id ORDER BY p.id LIMIT 1");
    tamper(sb.db, `UPDATE contract_payments SET amount = amount + 100000 WHERE id = ${p.id}`, ['contract_payments_no_update']);
    const r = await damaged('REGISTER_AMOUNT', 'AUDIT_ROW_CHANGED');
    // 48,000.00 received on 2019-01-15, now 49,000.00 against the voucher's 48,000.00
    expect(r.stderr).toContain(`凭证 ${p.ref}: 合同 ${p.contract} 2019-01-15 的收付款金额 49,000.00 与其凭证借方合计 48,000.00 不符`);
    expect(r.stderr).toContain(`表 contract_payments 第 ${p.id} 行与审计留痕记录的内容不符`);
  });

  it('an amount: a contribution (its capital too, so that the row stays consistent in itself)', async () => {
    fresh();
    const c = one<{ id: number; ref: string }>(sb.db, "SELECT c.id, v.period || '/' || v.number AS ref FROM contributions c JOIN vouchers v ON v.id = c.voucher_id ORDER BY c.id LIMIT 1");
    tamper(sb.db, `UPDATE contributions SET amount = amount + 100, capital = capital + 100 WHERE id = ${c.id}`, ['contributions_no_update']);
    const r = await damaged('REGISTER_AMOUNT', 'AUDIT_ROW_CHANGED');
    // the first contribution: X001's 20,000.00 cash, now 20,001.00
    expect(r.stderr).toContain(`凭证 ${c.ref}: 出资第 ${c.id} 号（成员 X001）金额 20,001.00 与其凭证借方合计 20,000.00 不符`);
  });

  it('an amount: a month of depreciation', async () => {
    fresh();
    const d = one<{ ref: string }>(sb.db, "SELECT v.period || '/' || v.number AS ref FROM depreciation_postings d JOIN vouchers v ON v.id = d.voucher_id WHERE d.period = '2024-03' LIMIT 1");
    tamper(sb.db, "UPDATE depreciation_postings SET amount = amount + 1 WHERE period = '2024-03' AND asset = 'TQ-F01'", ['depreciation_postings_no_update']);
    const r = await damaged('REGISTER_AMOUNT', 'AUDIT_ROW_CHANGED');
    expect(r.stderr).toContain(`凭证 ${d.ref}: 2024-03 折旧记录（资产 `);
    expect(r.stderr).toContain('与其凭证贷记累计折旧');
  });

  it('an amount: a contract accrual', async () => {
    fresh();
    tamper(sb.db, 'UPDATE contract_accruals SET amount = amount - 1 WHERE id = 1', ['contract_accruals_no_update']);
    const r = await damaged('REGISTER_AMOUNT', 'AUDIT_ROW_CHANGED');
    expect(r.stderr).toMatch(/合同 \S+ \d{4} 年的租金确认金额 [\d,.]+ 与其凭证借方合计 [\d,.]+ 不符/);
  });

  it('a voucher line: the chain, the balance and the kept balances all disagree', async () => {
    fresh();
    const v = one<{ id: number; ref: string }>(sb.db, "SELECT id, period || '/' || number AS ref FROM vouchers WHERE summary = '购买办公用品'");
    tamper(sb.db, `UPDATE voucher_lines SET debit = debit + 100 WHERE voucher_id = ${v.id} AND line_no = 1`, ['voucher_lines_no_update']);
    const r = await damaged('HASH_CHAIN', 'UNBALANCED', 'BALANCES');
    expect(r.stderr).toContain(`凭证 ${v.ref}: 凭证内容与防篡改校验码不符`);
    expect(r.stderr).toContain(`凭证 ${v.ref}: 借贷不平：1,281.50 ≠ 1,280.50`);
  });

  it('a voucher: its summary (in the chain) and its preparer (pinned by the trail)', async () => {
    fresh();
    const v = one<{ id: number; ref: string }>(sb.db, "SELECT id, period || '/' || number AS ref FROM vouchers WHERE summary = '购买办公用品'");
    tamper(sb.db, `UPDATE vouchers SET summary = '购买办公用品（改）' WHERE id = ${v.id}`, ['vouchers_no_update']);
    let r = await damaged('HASH_CHAIN');
    expect(r.stderr).toContain(`凭证 ${v.ref}: 凭证内容与防篡改校验码不符`);

    fresh();
    tamper(sb.db, `UPDATE vouchers SET preparer = '王五', attachments = 9 WHERE id = ${v.id}`, ['vouchers_no_update']);
    r = await damaged('AUDIT_VOUCHER_ROWS');
    expect(r.codes).not.toContain('HASH_CHAIN');
    expect(r.stderr).toMatch(new RegExp(`凭证 \\S+ 至 \\S+ 的内容（附件数、制单人或录入时间）与审计记录 #\\d+ 不符`));
  });

  it('a balance row', async () => {
    fresh();
    tamper(sb.db, "UPDATE balances SET debit = debit + 1 WHERE account = '513' AND period = '2024-03'");
    const r = await damaged('BALANCES');
    expect(r.stderr).toContain('科目余额与凭证分录不符：513 2024-03 0');
  });

  it('a member row', async () => {
    fresh();
    const rowid = one<{ rowid: number }>(sb.db, "SELECT rowid FROM members WHERE id = 'X002'").rowid;
    tamper(sb.db, "UPDATE members SET bank_account = '6222000000000000000' WHERE id = 'X002'");
    const r = await damaged('AUDIT_ROW_CHANGED');
    expect(r.stderr).toContain(`表 members 第 ${rowid} 行与审计留痕记录的内容不符（在 sanzi 之外被改动）`);
  });

  it('a share movement', async () => {
    fresh();
    tamper(sb.db, 'UPDATE share_movements SET units = units * 10 WHERE id = 3', ['share_movements_no_update']);
    const r = await damaged('AUDIT_ROW_CHANGED');
    expect(r.stderr).toContain('表 share_movements 第 3 行与审计留痕记录的内容不符');
  });

  it('a contract row', async () => {
    fresh();
    const rowid = one<{ rowid: number }>(sb.db, "SELECT rowid FROM contracts WHERE code = 'HT-LD-2019'").rowid;
    tamper(sb.db, "UPDATE contracts SET annual_rent = 100 WHERE code = 'HT-LD-2019'");
    const r = await damaged('AUDIT_ROW_CHANGED');
    expect(r.stderr).toContain(`表 contracts 第 ${rowid} 行与审计留痕记录的内容不符`);
  });

  it('an audit record, and one of its rows', async () => {
    fresh();
    tamper(sb.db, "UPDATE audit_records SET by = '别人' WHERE id = 5", ['audit_records_no_update']);
    let r = await damaged('AUDIT_CHAIN');
    expect(r.stderr).toContain('审计记录 #5 与其校验码不符');

    fresh();
    tamper(sb.db, "UPDATE audit_rows SET digest = 'x' WHERE audit_id = 7 AND (tbl, rid) = (SELECT tbl, rid FROM audit_rows WHERE audit_id = 7 LIMIT 1)", ['audit_rows_no_update']);
    r = await damaged('AUDIT_CHAIN');
    expect(r.stderr).toContain('审计记录 #7 与其校验码不符');
  });

  it('a row inserted: a member, and a whole voucher with a correct hash and balances', async () => {
    fresh();
    tamper(sb.db, "INSERT INTO members(id, name, household, created_at) VALUES ('X999', '冒名', 'H01', '2024-01-01 00:00:00')");
    let r = await damaged('AUDIT_ROW_UNRECORDED');
    expect(r.stderr).toMatch(/表 members 第 \d+ 行没有审计记录/);

    // A voucher forged with everything sanzi would write — numbering, chain hash, lines and kept
    // balances — is still not in the trail.
    fresh();
    const db = new Database(sb.db);
    const last = db.prepare('SELECT id, hash FROM vouchers ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    const n = (db.prepare("SELECT COALESCE(MAX(number), 0) FROM vouchers WHERE period = '2024-12'").pluck().get() as number) + 1;
    const lines = [
      { account: '513', debit: 50000, credit: 0, member: null, project: null },
      { account: '101', debit: 0, credit: 50000, member: null, project: null },
    ];
    const hash = voucherDigest(last.hash, { period: '2024-12', number: n, date: '2024-12-20', summary: '招待费', kind: 'manual', reverses: null, lines });
    db.prepare("INSERT INTO vouchers(period, number, date, summary, kind, created_at, hash) VALUES ('2024-12', ?, '2024-12-20', '招待费', 'manual', '2024-12-20 10:00:00', ?)").run(n, hash);
    const id = last.id + 1;
    lines.forEach((l, i) => db.prepare('INSERT INTO voucher_lines(voucher_id, line_no, account, debit, credit, member, project) VALUES (?, ?, ?, ?, ?, NULL, NULL)').run(id, i + 1, l.account, l.debit, l.credit));
    for (const l of lines)
      db.prepare(
        "INSERT INTO balances VALUES (?, '2024-12', 0, ?, ?) ON CONFLICT(account, period, closing) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit",
      ).run(l.account, l.debit, l.credit);
    db.close();
    r = await damaged('AUDIT_VOUCHERS');
    expect(r.codes.filter((c) => c !== 'AUDIT_VOUCHERS')).toEqual([]);
    expect(r.stderr).toContain(`凭证（内部编号 ${id}–${id}）没有审计记录`);
  });

  it('a row deleted: a resource, and a member status event', async () => {
    fresh();
    const rowid = one<{ rowid: number }>(sb.db, "SELECT rowid FROM resources WHERE code = 'HS-01'").rowid;
    tamper(sb.db, "DELETE FROM resources WHERE code = 'HS-01'");
    let r = await damaged('AUDIT_ROW_MISSING');
    expect(r.stderr).toContain(`表 resources 第 ${rowid} 行已被删除，但审计留痕中仍有记录`);

    fresh();
    tamper(sb.db, 'DELETE FROM member_events', ['member_events_no_delete']);
    r = await damaged('AUDIT_ROW_MISSING');
    expect(r.stderr).toContain('表 member_events 第 1 行已被删除');
  });

  it('the newest audit records deleted, the rows they recorded left in place', async () => {
    fresh();
    // Two known writes last: an account added, then a month's closing log; cut their two records.
    await sb.ok('account', 'add', '14101', '对外投资');
    await sb.ok('period', 'reopen', '2024-11', '--reason', '测试');
    tamper(
      sb.db,
      'DELETE FROM audit_rows WHERE audit_id > (SELECT MAX(id) - 2 FROM audit_records); DELETE FROM audit_records WHERE id > (SELECT MAX(id) - 2 FROM audit_records);',
      ['audit_rows_no_delete', 'audit_records_no_delete'],
    );
    const r = await damaged('AUDIT_ROW_UNRECORDED');
    expect(r.codes).not.toContain('AUDIT_CHAIN'); // what is left is a valid chain: only the rows betray the cut
    expect(r.stderr).toMatch(/表 accounts 第 \d+ 行没有审计记录（在 sanzi 之外写入，或最新的审计记录被删除）/);
    expect(r.stderr).toMatch(/表 period_events 第 \d+ 行没有审计记录/);

    // The same after a voucher: the cut record held no register row, only the voucher.
    fresh();
    await sb.ok('voucher', 'add', '--date', '2024-12-05', '--summary', '电费', '--debit', '511:300', '--credit', '101:300');
    tamper(
      sb.db,
      'DELETE FROM audit_rows WHERE audit_id = (SELECT MAX(id) FROM audit_records); DELETE FROM audit_records WHERE id = (SELECT MAX(id) FROM audit_records);',
      ['audit_rows_no_delete', 'audit_records_no_delete'],
    );
    const v = await damaged('AUDIT_VOUCHERS');
    expect(v.stderr).toMatch(/凭证（内部编号 (\d+)–\1）没有审计记录/);
  });

  it('the structure changed: a trigger of its own added, an index dropped, a constraint removed', async () => {
    fresh();
    tamper(sb.db, "CREATE TRIGGER quietly AFTER INSERT ON members BEGIN UPDATE members SET status = '正常' WHERE id = NEW.id; END; DROP INDEX contracts_subject;");
    const r = await damaged('SCHEMA_CHANGED');
    expect(r.stderr).toContain('数据库结构被改动：trigger quietly 是后加的');
    expect(r.stderr).toContain('数据库结构被改动：index contracts_subject 被删除');

    // A CHECK constraint dropped by rewriting the table's definition in the schema itself.
    fresh();
    dropCheckConstraint(sb.db);
    expect((await damaged('SCHEMA_CHANGED')).stderr).toContain('table dividend_payments 的定义与原来不同');
  });

  it('an append-only trigger dropped', async () => {
    fresh();
    tamper(sb.db, 'DROP TRIGGER contributions_no_update');
    const r = await damaged('TRIGGERS');
    expect(r.stderr).toContain('只追加保护（触发器）被删除：contributions_no_update');
  });

  it('a line’s member re-split into member and project under the same hash, its balances moved along: found', async () => {
    fresh();
    // A line with a member and a counterparty: 'X001' + party 'P' hashes as 'X001|' + project 'P'.
    const l = one<{ voucher_id: number; line_no: number; account: string; member: string; party: string; period: string; amount: number }>(
      sb.db,
      `SELECT l.voucher_id, l.line_no, l.account, l.member, l.party, v.period, l.debit - l.credit AS amount FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
        WHERE l.member IS NOT NULL AND l.party IS NOT NULL AND l.project IS NULL LIMIT 1`,
    );
    expect(l).toBeDefined();
    const d = (n: number) => (n >= 0 ? `${n}, 0` : `0, ${-n}`);
    tamper(
      sb.db,
      `UPDATE voucher_lines SET member = '${l.member}|', project = '${l.party}', party = NULL WHERE voucher_id = ${l.voucher_id} AND line_no = ${l.line_no};
       UPDATE member_balances SET debit = debit - ${Math.max(l.amount, 0)}, credit = credit - ${Math.max(-l.amount, 0)} WHERE account = '${l.account}' AND member = '${l.member}' AND period = '${l.period}';
       INSERT INTO member_balances VALUES ('${l.account}', '${l.member}|', '${l.period}', ${d(l.amount)});
       INSERT INTO project_balances VALUES ('${l.account}', '${l.party}', '${l.period}', ${d(l.amount)});
       UPDATE party_balances SET debit = debit - ${Math.max(l.amount, 0)}, credit = credit - ${Math.max(-l.amount, 0)} WHERE account = '${l.account}' AND party = '${l.party}' AND period = '${l.period}';
       DELETE FROM member_balances WHERE debit = 0 AND credit = 0; DELETE FROM party_balances WHERE debit = 0 AND credit = 0;`,
      ['voucher_lines_no_update'],
    );
    const r = await damaged('LINE_DIMENSION_UNKNOWN');
    expect(r.codes.filter((c) => c !== 'LINE_DIMENSION_UNKNOWN')).toEqual([]);
    expect(r.stderr).toContain(`分录上的成员「${l.member}|」不在成员名册中`);
    expect(r.stderr).toContain(`分录上的项目「${l.party}」不在项目列表中`);
  });

  it('objects named sqlite… are not SQLite’s own: a trigger, a table and an index so named are found', async () => {
    fresh();
    tamper(
      sb.db,
      "CREATE TRIGGER sqliteAux AFTER INSERT ON period_events BEGIN UPDATE share_movements SET units = units * 100 WHERE id = 3; END; CREATE TABLE sqlitefake(x); CREATE INDEX SQLITEidx ON members(name);",
    );
    const r = await damaged('SCHEMA_CHANGED');
    for (const o of ['trigger sqliteAux', 'table sqlitefake', 'index SQLITEidx']) expect(r.stderr).toContain(`数据库结构被改动：${o} 是后加的`);
  });

  it('a trigger named sqlite_… put in with writable_schema is found too', async () => {
    fresh();
    writeSchema(sb.db, "INSERT INTO sqlite_schema(type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_aux', 'members', 0, ?)", [
      'CREATE TRIGGER sqlite_aux AFTER UPDATE ON members BEGIN UPDATE share_movements SET units = units * 100 WHERE id = 3; END',
    ]);
    expect((await damaged('SCHEMA_CHANGED')).stderr).toContain('数据库结构被改动：trigger sqlite_aux 是后加的');
  });
});

describe('a record of the trail written down outside the ledger (verify --expect)', () => {
  it('catches a trail rewritten and sealed again, which verify alone cannot; a later write leaves it standing', async () => {
    fresh();
    const first = await sb.ok('verify');
    const anchor = /审计留痕最新记录：(\d+:[0-9a-f]{16})（请抄录留存于账套之外/.exec(first.stdout)![1];
    const [id, hash] = anchor.split(':');
    expect(one<{ hash: string }>(sb.db, `SELECT hash FROM audit_records WHERE id = ${id}`).hash.startsWith(hash)).toBe(true);
    await sb.ok('member', 'edit', 'X005', '--relation', '妻');
    const later = await sb.ok('verify', '--expect', anchor);
    expect(later.stdout).toContain(`留存的 ${anchor} 相符`);
    // An earlier record's summary rewritten, every hash from it on computed again: the chain holds.
    const db = new Database(sb.db);
    try {
      const defs = ['audit_records_no_update'].map((t) => db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").pluck().get(t) as string);
      db.exec('DROP TRIGGER audit_records_no_update');
      const rows = db.prepare('SELECT * FROM audit_records WHERE id >= 3 ORDER BY id').all() as AuditRecordRow[];
      let prev = (db.prepare('SELECT hash FROM audit_records WHERE id = 2').pluck().get() as string) ?? AUDIT_GENESIS;
      for (const r of rows) {
        const rec = { ...r, summary: r.id === 3 ? `${r.summary}（改）` : r.summary };
        const h = recordHash(prev, rec);
        db.prepare('UPDATE audit_records SET summary = ?, prev = ?, hash = ? WHERE id = ?').run(rec.summary, prev, h, r.id);
        prev = h;
      }
      for (const d of defs) db.exec(d);
    } finally {
      db.close();
    }
    expect((await sb.run('verify')).code).toBe(0);
    const r = await sb.run('verify', '--expect', anchor);
    expect([r.code, r.codes]).toEqual([3, ['AUDIT_ANCHOR']]);
    expect(r.stderr).toContain(`审计留痕第 ${id} 条记录的校验码是 `);
    // A record the trail never reached (cut back, or another ledger), and a malformed anchor.
    expect((await sb.run('verify', '--expect', '99999:00000000')).codes).toEqual(['AUDIT_ANCHOR']);
    const bad = await sb.run('verify', '--expect', '12:abc');
    expect([bad.code, bad.codes]).toEqual([2, ['USAGE']]);
  });
});

describe('a write on a ledger whose structure was changed is refused, nothing written', () => {
  it('a trigger planted to run inside the next command: refused, and nothing it would do is done', async () => {
    fresh();
    // Dropped, a trigger of its own that would change the register when the next command writes a member.
    const def = one<{ sql: string }>(sb.db, "SELECT sql FROM sqlite_schema WHERE name = 'share_movements_no_update'").sql;
    tamper(sb.db, "DROP TRIGGER share_movements_no_update; CREATE TRIGGER t AFTER UPDATE ON members BEGIN UPDATE share_movements SET units = 1000000 WHERE id = 3; END;");
    const before = ledgerDigest(sb.db);
    const r = await sb.run('member', 'edit', 'X003', '--relation', '长子');
    expectRefused(r, 'LEDGER_SCHEMA_CHANGED');
    expect(r.stderr).toContain('触发器 t 是后加的');
    expect(r.stderr).toContain('触发器 share_movements_no_update 被删除了');
    expect(r.codes.filter((c) => c === 'LEDGER_SCHEMA_CHANGED')).toHaveLength(2);
    expect(ledgerDigest(sb.db)).toBe(before);
    // The structure put back as it was: the write goes through, and the ledger verifies.
    tamper(sb.db, `DROP TRIGGER t; ${def}`);
    await sb.ok('member', 'edit', 'X003', '--relation', '长子');
    await sb.ok('verify');
    expect(one<{ units: number }>(sb.db, 'SELECT units FROM share_movements WHERE id = 3').units).not.toBe(1000000);
  });

  it('an index added, a table redefined: every write refused (a voucher, an import), each difference listed', async () => {
    fresh();
    dropCheckConstraint(sb.db);
    tamper(sb.db, 'CREATE INDEX sqlitex ON members(name)');
    const before = ledgerDigest(sb.db);
    const r = await sb.run('voucher', 'add', '--date', '2025-01-05', '--summary', '购办公用品', '--debit', '513:100', '--credit', '101:100');
    expectRefused(r, 'LEDGER_SCHEMA_CHANGED');
    expect(r.stderr).toContain('索引 sqlitex 是后加的');
    expect(r.stderr).toContain('表 dividend_payments 的定义与原来不同');
    expect(ledgerDigest(sb.db)).toBe(before);
  });

  it('a row changed behind sanzi’s back is not laundered by a command that writes on it: refused, nothing written, verify still finds it', async () => {
    fresh();
    tamper(sb.db, "UPDATE members SET name = '王大贵', bank_account = '6222999900001111' WHERE id = 'X005'");
    tamper(sb.db, "UPDATE accounts SET parent = '141' WHERE code = '10201'");
    const before = ledgerDigest(sb.db);
    const edit = await sb.run('member', 'edit', 'X005', '--relation', '妻');
    expectRefused(edit, 'LEDGER_ROW_CHANGED');
    expect(edit.stderr).toMatch(/表 members 第 \d+ 行与审计留痕记录的内容不符（在 sanzi 之外被改动过），不能在它上面写入/);
    const rename = await sb.run('account', 'rename', '10201', '基本存款户');
    expect([rename.code, rename.codes]).toEqual([1, ['LEDGER_ROW_CHANGED']]);
    expect(ledgerDigest(sb.db)).toBe(before);
    expect((await damaged('AUDIT_ROW_CHANGED')).stderr).toContain('表 members');
    // A row of its own (another member) is written as ever, and the edit of the changed one is still refused.
    await sb.ok('member', 'edit', 'X004', '--relation', '父亲');
    const still = ledgerDigest(sb.db);
    expectRefused(await sb.run('member', 'status', 'X005', '--status', '已故', '--date', '2025-01-01'), 'LEDGER_ROW_CHANGED');
    expect(ledgerDigest(sb.db)).toBe(still);
  });

  it('a row deleted behind sanzi’s back is not laundered by a write that takes its rowid again', async () => {
    fresh();
    const last = one<{ rid: number; period: string }>(sb.db, 'SELECT rowid AS rid, period FROM closed_periods ORDER BY rowid DESC LIMIT 1');
    tamper(sb.db, `DELETE FROM closed_periods WHERE rowid = ${last.rid}`);
    const before = ledgerDigest(sb.db);
    const close = await sb.run('period', 'close', last.period);
    expectRefused(close, 'LEDGER_ROW_CHANGED');
    expect(close.stderr).toContain(`表 closed_periods 第 ${last.rid} 行与审计留痕记录的内容不符`);
    expect(ledgerDigest(sb.db)).toBe(before);
    expect((await damaged('AUDIT_ROW_MISSING')).stderr).toContain(`表 closed_periods 第 ${last.rid} 行`);
  });

  it('a table planted under a name with quotes is refused as a change of the structure; its name never becomes SQL', async () => {
    fresh();
    const evil = `zz" BEFORE UPDATE ON main.meta BEGIN SELECT 1; END; UPDATE main.members SET name='PWNED' WHERE id='X002'; SELECT "`;
    tamper(sb.db, `CREATE TABLE "it's"(a INTEGER) STRICT; CREATE TABLE "${evil.replace(/"/g, '""')}"(a INTEGER) STRICT;`);
    const r = await sb.run('member', 'edit', 'X001', '--bank-account', '77');
    expectRefused(r, 'LEDGER_SCHEMA_CHANGED');
    expect(r.stderr).toContain("表 it's 是后加的");
    expect(one<{ name: string }>(sb.db, "SELECT name FROM members WHERE id = 'X002'").name).not.toBe('PWNED');
    const v = await damaged('SCHEMA_CHANGED');
    expect(v.codes).not.toContain('UNREADABLE');
  });

  it('edits one after another: each finds the row as the one before recorded it; one that changes nothing leaves no record', async () => {
    fresh();
    await sb.ok('member', 'edit', 'X005', '--relation', '妻');
    await sb.ok('member', 'edit', 'X005', '--relation', '配偶');
    const records = () => one<{ n: number }>(sb.db, 'SELECT count(*) AS n FROM audit_records').n;
    const n = records();
    expect((await sb.ok('member', 'edit', 'X005', '--relation', '配偶')).stdout).toContain('的信息没有变化');
    expect(records()).toBe(n);
    await sb.ok('verify');
  });

  it('SCHEMA_DIGEST is the digest of the schema the migrations make, and of a new ledger’s', async () => {
    const mem = openDatabase(':memory:');
    for (const m of MIGRATIONS) {
      if (m.sql) mem.exec(m.sql);
      m.up?.(mem);
    }
    expect(schemaDigest(mem.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[])).toBe(SCHEMA_DIGEST);
    mem.close();
    fresh();
    const db = openLedgerFile(sb.db, { readonly: true });
    expect(schemaDigest(db.prepare(SCHEMA_ROWS_SQL).all() as SchemaRow[])).toBe(SCHEMA_DIGEST);
    // ANALYZE's statistics steer the planner, never a result: not a change.
    db.close();
    tamper(sb.db, 'ANALYZE');
    expect(one<{ n: number }>(sb.db, "SELECT count(*) AS n FROM sqlite_schema WHERE name = 'sqlite_stat1'").n).toBe(1);
    await sb.ok('member', 'edit', 'X003', '--relation', '长子');
    await sb.ok('verify');
  });
});

describe('an index edited alone: its table, the chains and the balances intact', () => {
  const moveLine = (t: string) => `UPDATE ${t} SET account = '10201' WHERE account = '101' AND voucher_id = (SELECT min(voucher_id) FROM ${t} WHERE account = '101')`;
  const quickCheck = (file: string) => one<{ r: string }>(file, 'SELECT quick_check AS r FROM pragma_quick_check').r;

  it('SQLite’s quick_check does not see it, and a query through the index reads the edit', async () => {
    fresh();
    tamperIndex(sb.db, 'voucher_lines_account', moveLine);
    expect(quickCheck(sb.db)).toBe('ok');
    // Through the index, account 101 lost a line that the table still gives it.
    const through = (index: string) => one<{ n: number }>(sb.db, `SELECT count(*) AS n FROM voucher_lines INDEXED BY ${index} WHERE account = '101'`).n;
    expect(through('voucher_lines_account')).toBe(through('sqlite_autoindex_voucher_lines_1') - 1);
  });

  it('a holding’s units changed in share_movements_holdings: found, and the register had read them', async () => {
    fresh();
    const register = async () => (await sb.run('shares', '--project', 'tq', '--as-of', '2024-12-31', '--format', 'csv')).stdout;
    const before = await register();
    tamperIndex(sb.db, 'share_movements_holdings', (t) => `UPDATE ${t} SET units = units * 10 WHERE rid = (SELECT id FROM share_movements WHERE project = 'tq' AND contribution_id IS NOT NULL ORDER BY id LIMIT 1)`);
    expect(quickCheck(sb.db)).toBe('ok');
    expect(await register()).not.toBe(before);
    const r = await damaged('INDEX_MISMATCH');
    expect(r.codes).toEqual(['INDEX_MISMATCH']);
    expect(r.stderr).toContain('索引 share_movements_holdings 与表 share_movements 的内容不符');
  });

  it('the member who left swapped for an active one in members_not_active (a partial index)', async () => {
    fresh();
    tamperIndex(sb.db, 'members_not_active', (t) => `DELETE FROM ${t}; INSERT INTO ${t} SELECT id, rowid FROM members WHERE id = 'X001'`);
    expect(quickCheck(sb.db)).toBe('ok');
    const r = await damaged('INDEX_MISMATCH');
    expect(r.codes).toEqual(['INDEX_MISMATCH']);
    expect(r.stderr).toContain('索引 members_not_active 与表 members 的内容不符');
  });

  it('an entry given a field past its key, which a query takes for the rowid: found, by default and by --full', async () => {
    fresh();
    const show = async () => (await sb.run('member', 'show', 'X001', '--format', 'json')).stdout;
    const before = await show();
    // X001's first movement in main now stands, for a query, for another member's movement.
    tamperIndex(
      sb.db,
      'share_movements_member',
      (t) =>
        `UPDATE ${t} SET x = (SELECT max(id) FROM share_movements WHERE member <> 'X001' AND project = 'main') WHERE rid = (SELECT min(id) FROM share_movements WHERE member = 'X001' AND project = 'main')`,
      true,
    );
    expect(quickCheck(sb.db)).toBe('ok');
    expect(await show()).not.toBe(before);
    const r = await damaged('INDEX_MISMATCH');
    expect(r.codes).toEqual(['INDEX_MISMATCH']);
    expect(r.stderr).toContain('索引 share_movements_member 与表 share_movements 的内容不符');
    // integrity_check says "rowid not at end-of-record …": the index, not damage of another kind.
    const full = await sb.run('verify', '--full');
    expect(full.code).toBe(3);
    expect(full.codes).toEqual(['INDEX_MISMATCH']);
  });

  it('the index check alone: an entry added is counted, and a WITHOUT ROWID table is read by its own key', async () => {
    const check = (skip?: Set<string>) => {
      const db = openLedgerFile(sb.db, { readonly: true });
      try {
        const found: LedgerError[] = [];
        const expected = new Map((db.prepare('SELECT type, name, sql FROM sqlite_schema').all() as SchemaRow[]).map((r) => [r.name, r]));
        checkIndexes(db, { add: (e) => found.push(e) }, expected, skip);
        expect(runChecks(db, ['indexes']).indexes!.list.map((e) => e.zh)).toEqual(skip ? [] : found.map((e) => e.zh));
        return found.map((e) => e.zh);
      } finally {
        db.close();
      }
    };
    fresh();
    expect(check()).toEqual([]);
    expect(check(new Set())).toEqual([]);
    // An entry more in share_movements_holdings, a copy of a real one under a rowid of no row: the
    // look-ups of the rows all succeed; only the count of entries differs.
    tamperIndex(sb.db, 'share_movements_holdings', (t) => `INSERT INTO ${t} SELECT project, member, share_class, date, units, 999, rid + 100000 FROM ${t} WHERE contribution_id IS NOT NULL LIMIT 1`);
    expect(check()).toEqual([expect.stringContaining('索引 share_movements_holdings 与表 share_movements')]);
    // voucher_lines (WITHOUT ROWID; left to --full by default): a line moved between accounts.
    fresh();
    tamperIndex(sb.db, 'voucher_lines_account', moveLine);
    expect(check()).toEqual([]);
    expect(check(new Set())).toEqual([expect.stringContaining('索引 voucher_lines_account 与表 voucher_lines')]);
  });

  it('one snapshot for every check: a voucher written while verify runs is no finding', async () => {
    fresh();
    const db = openLedgerFile(sb.db);
    let wrote = false;
    try {
      const found = verifyDb(db, {
        between: (next) => {
          // After the voucher chain summed the lines, before the balances are compared with them.
          if (next !== 'balances' || wrote) return;
          const w = sanziSync(['--db', sb.db, 'voucher', 'add', '--date', '2024-12-20', '--summary', '购买办公用品', '--debit', '513:10', '--credit', '101:10']);
          expect(w.status, w.stderr).toBe(0);
          wrote = true;
        },
      });
      expect(wrote).toBe(true);
      expect(found).toEqual([]);
    } finally {
      db.close();
    }
    expect((await sb.run('verify')).code).toBe(0);
  });

  it('an entry dropped: SQLite’s own count of entries finds it, said once as the index', async () => {
    fresh();
    tamperIndex(sb.db, 'share_movements_holdings', (t) => `DELETE FROM ${t} WHERE rid = (SELECT id FROM share_movements WHERE member = 'X001' AND share_class = '人口股')`);
    const r = await damaged('INDEX_MISMATCH');
    expect(r.codes).toEqual(['INDEX_MISMATCH']);
  });

  it('a line moved between accounts in voucher_lines_account: verify --full matches the vouchers’ indexes too', async () => {
    fresh();
    tamperIndex(sb.db, 'voucher_lines_account', moveLine);
    const quick = await sb.run('verify');
    expect(quick.code, quick.stderr).toBe(0);
    const r = await sb.run('verify', '--full');
    expect(r.code, r.stderr || r.stdout).toBe(3);
    expect(clean(r.stderr), r.stderr).toBe(true);
    expect(r.codes).toEqual(['INDEX_MISMATCH']);
    expect(r.stderr).toContain('索引 voucher_lines_account 与表 voucher_lines 的内容不符');
  });

  it('sixty entries dropped from one index: one finding for the index, by default and by --full', async () => {
    fresh();
    tamperIndex(sb.db, 'share_movements_holdings', (t) => `DELETE FROM ${t} WHERE rid IN (SELECT id FROM share_movements ORDER BY id LIMIT 60)`);
    expect((await damaged('INDEX_MISMATCH')).codes).toEqual(['INDEX_MISMATCH']);
    // integrity_check says "row N missing from index …" for each of the 60, and the count once.
    const full = await sb.run('verify', '--full');
    expect(full.code).toBe(3);
    expect(full.codes).toEqual(['INDEX_MISMATCH']);
  });

  it('verify --full on the demo ledger: clean', async () => {
    fresh();
    const r = await sb.run('verify', '--full');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('全部索引与表逐条相符');
  });
});

describe('dividend payments against their voucher', () => {
  it('a member’s payment changed', async () => {
    fresh();
    // The demo's 2023 has no profit for 汤泉; a small distribution on a fresh ledger instead.
    const s = new Sandbox('verify-dividend');
    try {
      await s.ok('init', '--name', '下迳乡村旅游经济合作社', '--start', '2024-01');
      await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
      await s.ok('import', 'members', s.file('m.csv', '成员编号,姓名,户号\nX001,邓志强,H01\nX002,李秀英,H01\n'));
      await s.ok('import', 'shares', s.file('s.csv', '日期,成员编号,项目,股种,股数,说明\n2024-01-01,X001,tq,募集股,3,\n2024-01-01,X002,tq,募集股,1,\n'));
      await s.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '汤泉门票', '--debit', '102:4000', '--credit', '501:4000:p=tq');
      await s.ok('dividend', 'declare', '--project', 'tq', '--year', '2024');
      await s.ok('dividend', 'pay', '--project', 'tq', '--year', '2024', '--date', '2025-01-10');
      await s.ok('verify');
      tamper(s.db, "UPDATE dividend_payments SET amount = amount + 1 WHERE member = 'X002'", ['dividend_payments_no_update']);
      const r = await s.run('verify');
      expect(r.code).toBe(3);
      expect(r.codes).toContain('REGISTER_AMOUNT');
      // 4,000.00 over 4 shares: X002 holds 1 → 1,000.00, now 1,000.01
      expect(r.stderr).toMatch(/凭证 2025-01\/\d+: 成员 X002 的分红发放（项目与年度 tq 2024）金额 1,000.01 与其凭证中该成员的借方 1,000.00 不符/);
    } finally {
      s.cleanup();
    }
  });
});

describe('a file that is not a readable ledger', () => {
  const cases: [string, () => Buffer | string, RegExp][] = [
    ['random bytes', () => Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 7919 + 13) % 251)), /不是 sanzi 账套文件/],
    ['an empty file', () => '', /不是 sanzi 账套文件/],
    ['a text file', () => '凭证号,日期\n1,2024-01-01\n', /不是 sanzi 账套文件/],
  ];
  for (const [what, content, message] of cases) {
    it(what, async () => {
      fresh();
      fs.writeFileSync(sb.db, content());
      const r = await damaged();
      expect(r.stderr).toMatch(message);
    });
  }

  it("another program's SQLite database", async () => {
    fresh();
    fs.rmSync(sb.db);
    const db = new Database(sb.db);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes(text) VALUES (\'hello\')');
    db.close();
    const r = await damaged();
    expect(r.stderr).toContain('不是 sanzi 账套文件');
  });

  it('a damaged page in a table: exit 3 with the damage said, whichever check meets it first', async () => {
    const tables = ['balances', 'member_balances', 'closed_periods', 'vouchers', 'voucher_lines', 'members', 'share_movements', 'audit_rows', 'dividends'];
    for (const table of tables) {
      fresh();
      const db = new Database(sb.db);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const root = db.prepare("SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as number;
      db.close();
      // 64 bytes over the page's header and cell pointers: its rows point outside the page.
      const fd = fs.openSync(sb.db, 'r+');
      fs.writeSync(fd, Buffer.alloc(64, 0xee), 0, 64, pageSize * (root - 1) + (root === 1 ? 100 : 0) + 8);
      fs.closeSync(fd);
      const r = await sb.run('verify');
      expect(r.code, `${table}: ${r.stderr}`).toBe(3);
      expect(clean(r.stderr), r.stderr).toBe(true);
      expect(r.stderr, table).toMatch(/数据库文件损坏|无法完整读取/);
      expect(r.stderr, table).not.toContain('内部错误');
    }
  });

  it('a truncated ledger, cut anywhere', async () => {
    const size = fs.statSync(demo.db).size;
    for (const keep of [100, 4096, Math.floor(size / 3), Math.floor(size / 2), size - 4096]) {
      fresh();
      fs.truncateSync(sb.db, keep);
      const r = await sb.run('verify');
      expect(r.code, `cut at ${keep}: ${r.stderr}`).toBe(3);
      expect(clean(r.stderr)).toBe(true);
      expect(r.stderr, `cut at ${keep}`).toMatch(/已损坏|无法完整读取|不是 sanzi 账套文件|数据库文件损坏/);
    }
  });

  it('any other command on a damaged ledger says so, without a trace', async () => {
    fresh();
    fs.truncateSync(sb.db, Math.floor(fs.statSync(sb.db).size / 2));
    const r = await runCli(['--db', sb.db, 'report', 'journal', '--from', '2016-01', '--to', '2024-12']);
    expectRefused(r, 'LEDGER_DAMAGED');
    expect(clean(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/已损坏/);
  });
});
