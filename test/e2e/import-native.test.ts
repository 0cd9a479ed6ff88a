// import vouchers through sanzi's SQLite extension (native/sqlite-batch.c): SQLite reads each batch
// from the reader's arrays and hashes the vouchers as the reader would have (ChainText). What is
// stored is what the rows bound one by one store (SANZI_NATIVE=0), byte for byte but the time of
// the write; a batch whose joined texts make a character two texts hold half each goes the bound
// way, hashed in JavaScript; an inconsistent batch writes nothing.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, type Sandbox } from '../harness.js';
import { generateVoucherCsv } from '../gen-vouchers.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { feedVouchers, type FeedStart } from '../../src/commands/import-vouchers-feed.js';
import { Ledger } from '../../src/store/ledger.js';
import { nativeSqlite } from '../../src/store/native-sqlite.js';
import { sqlOf } from '../../src/store/internal.js';
import { verifyDb } from '../../src/store/verify.js';
import type { VoucherBatch } from '../../src/store/voucher-writer.js';

const ledger = benchSandboxes('import-native', '导入测试村');

/** Every stored row of the vouchers (but their write time), lines, balances and the chain's head. */
function stored(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).raw(true).all();
    return {
      vouchers: all('SELECT id, period, number, date, summary, attachments, preparer, kind, reverses, hash FROM vouchers ORDER BY id'),
      lines: all('SELECT * FROM voucher_lines ORDER BY voucher_id, line_no'),
      balances: all('SELECT * FROM balances ORDER BY account, period, closing'),
      members: all('SELECT * FROM member_balances ORDER BY 1, 2, 3'),
      types: all('SELECT DISTINCT typeof(debit), typeof(credit), typeof(number), typeof(attachments) FROM voucher_lines JOIN vouchers ON id = voucher_id'),
    };
  } finally {
    db.close();
  }
}

const meta = { action: 'voucher.import', by: 'test', at: '2026-01-15 10:00:00' };

describe('import vouchers through the extension', () => {
  it('stores what the rows bound one by one store, hashes and all, and verifies either way', async () => {
    const a = await ledger();
    const b = await ledger();
    const file = a.file('v.csv', '');
    // Large enough for the reader thread and many batches; members, projects and preparers in it.
    generateVoucherCsv(file, 40_000);
    const viaSql = await runCli(['--db', a.db, 'import', 'vouchers', file], { cwd: a.dir });
    const bound = await runCli(['--db', b.db, 'import', 'vouchers', file], { cwd: b.dir, env: { SANZI_NATIVE: '0' } });
    expect(viaSql.code, viaSql.stderr).toBe(0);
    expect(bound.code, bound.stderr).toBe(0);
    const x = stored(a.db);
    const y = stored(b.db);
    expect(x.vouchers.length).toBeGreaterThan(8_000);
    expect(x).toEqual(y);
    expect(x.types).toEqual([['integer', 'integer', 'integer', 'integer']]);
    for (const sb of [a, b]) {
      expect((await runCli(['--db', sb.db, 'verify'], { cwd: sb.dir })).code).toBe(0);
      expect((await runCli(['--db', sb.db, 'verify'], { cwd: sb.dir, env: { SANZI_NATIVE: '0' } })).code).toBe(0);
    }
  });

  /** Import a file of two vouchers with the given summaries as the command does, with or without the extension; the batches' hashes as the reader sent them. */
  async function importTwo(sb: Sandbox, summaries: [string, string], native: boolean, spoil?: (b: VoucherBatch) => void, verifies = true): Promise<string[]> {
    const file = sb.file('two.csv', '凭证号,日期,摘要,科目编码,借方金额,贷方金额\n' + summaries.map((s, i) => `${i + 1},2015-02-0${i + 1},${s},101,1.00,\n${i + 1},2015-02-0${i + 1},${s},50101,,1.00\n`).join(''));
    const sent: string[] = [];
    const l = Ledger.open(sb.db, { native });
    try {
      expect(nativeSqlite(sqlOf(l))).toBe(native);
      await l.writeAsync(meta, async (tx) => {
        const start = tx.importStart();
        expect(start.hash).toBe(!native);
        const end = await feedVouchers({ ...start, file } as FeedStart, {
          batch: (b) => {
            sent.push(b.hashes);
            spoil?.(b);
            tx.insertBatch(b);
          },
        });
        expect(end.errors.map((e) => e.zh)).toEqual([]);
        tx.endBatches(end);
        tx.describe('导入两张凭证', { file });
      });
      if (verifies) {
        expect(verifyDb(sqlOf(l))).toEqual([]);
        expect(verifyDb(sqlOf(l), { native: false })).toEqual([]);
      }
    } finally {
      l.close();
    }
    return sent;
  }

  /**
   * The batch's two summaries made adjacent texts, the first ending with the high half of 😀 and the
   * second beginning with the low half.
   */
  function pairHalves(b: VoucherBatch): void {
    const texts: string[] = [];
    for (let i = 0, from = 0; i < b.textEnds.length; i++) {
      texts.push(b.texts.slice(from, b.textEnds[i]));
      from = b.textEnds[i];
    }
    const [s1, s2] = [b.vText[2], b.vText[6]];
    const order = texts.map((_, i) => i).filter((i) => i !== s2);
    order.splice(order.indexOf(s1) + 1, 0, s2);
    const at = new Map(order.map((old, i) => [old, i]));
    const moved = order.map((i) => texts[i]);
    moved[at.get(s1)!] = moved[at.get(s1)!].slice(0, -1) + '\ud83d';
    moved[at.get(s2)!] = '\ude00' + moved[at.get(s2)!].slice(1);
    const remap = (a: Int32Array, n: number) => {
      for (let i = 0; i < n; i++) if (a[i] >= 0) a[i] = at.get(a[i])!;
    };
    remap(b.vText, b.vouchers * 4);
    remap(b.lText, b.lines * 4);
    b.texts = moved.join('');
    let end = 0;
    b.textEnds = Int32Array.from(moved, (t) => (end += t.length));
  }

  it('a batch whose joined texts pair two halves of a character is written the bound way, each text stored as it is alone', async () => {
    // No file gives such texts (a CSV's half a character decodes as U+FFFD, refused; a workbook
    // holding one is unreadable: xlsx-rels.test.ts), but the writer takes any batch: SQLite gives
    // way on this one, and its rows are bound one by one.
    const sb = await ledger();
    expect(await importTwo(sb, ['笑A', 'B脸'], true, pairHalves, false)).toEqual(['']);
    const db = new Database(sb.db, { readonly: true });
    try {
      // Each half stored alone (as better-sqlite3 binds a lone half), not joined into one emoji (F09F9880).
      expect(db.prepare('SELECT hex(summary) FROM vouchers ORDER BY id').pluck().all()).toEqual(['E7AC91EDA0BD', 'EDB880E884B8']);
    } finally {
      db.close();
    }
  });

  it('an inconsistent batch (a text index past the texts) writes nothing', async () => {
    const sb = await ledger();
    await expect(
      importTwo(sb, ['一', '二'], true, (b) => {
        b.lText[0] = 999;
      }),
    ).rejects.toThrow(/sanzi_batch: a text index out of range/);
    expect(stored(sb.db).vouchers).toEqual([]);
  });
});
