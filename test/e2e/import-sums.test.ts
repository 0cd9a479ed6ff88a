// The balance sums of an import: the reader hands the sums of the months it has left behind to the
// writer with a batch (written while it reads on), the rest at its end. Whatever the months' order
// in the file (each month once, or coming back), the balance tables must hold exactly the sums of
// the lines, per account, member, project and counterparty and month.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, type Sandbox } from '../harness.js';
import { benchSandboxes } from '../bench-sandboxes.js';
import { feedVouchers, type FeedStart } from '../../src/commands/import-vouchers-feed.js';
import { READER_LIMITS, ReaderOutOfMemory, feedVouchersBeside, readerScriptFor } from '../../src/commands/import-vouchers-thread.js';
import { Ledger } from '../../src/store/ledger.js';
import type { BalanceRows } from '../../src/store/balance-sums.js';

const MEMBERS = Array.from({ length: 30 }, (_, i) => `X${String(i + 1).padStart(3, '0')}`);
const ledger = benchSandboxes('import-sums', '余额测试村', async (s) => {
    await s.ok('import', 'members', s.file('m.csv', '成员编号,姓名,户号\n' + MEMBERS.map((m, i) => `${m},成员${i + 1},H${i + 1}\n`).join('')));
});

/**
 * A voucher file whose months come in runs of `run` vouchers, in the order `months` gives (a month
 * may come back); lines with members, projects and counterparties. Deterministic.
 */
function scrambledCsv(months: string[], run: number): string {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const fen = (x: number) => `${Math.floor(x / 100)}.${String(x % 100).padStart(2, '0')}`;
  let out = '凭证号,日期,摘要,科目编码,借方金额,贷方金额,成员编号,项目,往来单位\n';
  let key = 0;
  for (const month of months) {
    for (let i = 0; i < run; i++, key++) {
      const date = `${month}-${String(rnd(28) + 1).padStart(2, '0')}`;
      const a = rnd(90_000) + 1;
      const b = rnd(50_000) + 1;
      const member = MEMBERS[rnd(MEMBERS.length)];
      const party = `单位${rnd(7)}`;
      out +=
        `K${key},${date},成员借款,10202,${fen(a)},,${member},,\n` +
        `K${key},${date},成员借款,10201,,${fen(a)},,,\n` +
        `K${key},${date},收民宿房费,10201,${fen(b)},,,,${party}\n` +
        `K${key},${date},收民宿房费,50101,,${fen(b)},${rnd(3) === 0 ? member : ''},main,${party}\n`;
    }
  }
  return out;
}

/** Each balance table as its rows, and the same sums made by SQL from the lines. */
function tables(db: string) {
  const d = new Database(db, { readonly: true });
  try {
    const all = (sql: string) => d.prepare(sql).raw(true).all();
    const fromLines = (column: string) =>
      all(`SELECT l.account, l.${column}, v.period, SUM(l.debit), SUM(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
           WHERE l.${column} IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    return {
      stored: {
        accounts: all('SELECT account, period, closing, debit, credit FROM balances ORDER BY 1, 2, 3'),
        members: all('SELECT account, member, period, debit, credit FROM member_balances ORDER BY 1, 2, 3'),
        projects: all('SELECT account, project, period, debit, credit FROM project_balances ORDER BY 1, 2, 3'),
        parties: all('SELECT account, party, period, debit, credit FROM party_balances ORDER BY 1, 2, 3'),
      },
      lines: {
        accounts: all(`SELECT l.account, v.period, 0, SUM(l.debit), SUM(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id GROUP BY 1, 2 ORDER BY 1, 2`),
        members: fromLines('member'),
        projects: fromLines('project'),
        parties: fromLines('party'),
      },
    };
  } finally {
    d.close();
  }
}

/** Import `file` as the command does, in this thread; the months whose sums came with each batch, and the reader's end. */
async function handedOver(sb: Sandbox, file: string): Promise<{ withBatches: string[][]; end: BalanceRows }> {
  const withBatches: string[][] = [];
  let end: BalanceRows | null = null;
  const l = Ledger.open(sb.db);
  try {
    await l.writeAsync({ action: 'voucher.import', by: 'test', at: '2026-01-15 10:00:00' }, async (tx) => {
      const fed = await feedVouchers({ ...tx.importStart(), file } as FeedStart, {
        batch: (b) => {
          if (b.sums) withBatches.push(monthsOf(b.sums));
          tx.insertBatch(b);
        },
      });
      expect(fed.errors).toEqual([]);
      end = fed.balances;
      tx.endBatches(fed);
      tx.describe('导入', { file });
    });
  } finally {
    l.close();
  }
  return { withBatches, end: end! };
}

/** The months of rows of sums (their keys end with the month). */
const monthsOf = (rows: BalanceRows) => [...new Set([...rows.members, ...rows.projects, ...rows.parties].map(([k]) => k.split('\u0000')[2]))];

const MONTHS = ['2016-03', '2016-01', '2016-02', '2016-01', '2016-05', '2016-03', '2016-04', '2016-04', '2016-06', '2016-01'];

describe('the balance sums of an import', () => {
  it('hold the sums of the lines when the months come back, read in this thread and beside it', async () => {
    // Runs of 700 vouchers: a month's run spans batches, and a batch ends inside a run.
    const csv = scrambledCsv(MONTHS, 700);
    // 2 MB and more is read in a thread of its own (READER_THREAD_BYTES); the same rows twice over are.
    const big = scrambledCsv([...MONTHS, ...MONTHS.map((m) => m.replace('2016', '2017')), ...MONTHS.map((m) => m.replace('2016', '2018'))], 700);
    expect(Buffer.byteLength(csv)).toBeLessThan(2 << 20);
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 << 20);
    for (const text of [csv, big]) {
      const sb = await ledger();
      const file = sb.file('v.csv', text);
      // The small file is read in this thread, the large one by the reader thread.
      expect(readerScriptFor(file) !== null).toBe(text === big);
      const r = await runCli(['--db', sb.db, 'import', 'vouchers', file], { cwd: sb.dir });
      expect(r.code, r.stderr).toBe(0);
      const t = tables(sb.db);
      expect(t.stored.members.length).toBeGreaterThan(MEMBERS.length * 6);
      expect(t.stored.parties.length).toBeGreaterThan(7 * 6);
      expect(t.stored).toEqual(t.lines);
      expect((await runCli(['--db', sb.db, 'verify'], { cwd: sb.dir })).code).toBe(0);
    }
  });

  it('go to the writer with the batches as months are left behind, each month once when the file is in date order', async () => {
    const sb = await ledger();
    const { withBatches, end } = await handedOver(sb, sb.file('v.csv', scrambledCsv(['2016-01', '2016-02', '2016-03', '2016-04'], 1500)));
    // January, February and March each went with the first batch after it; April at the end.
    expect(withBatches).toEqual([['2016-01'], ['2016-02'], ['2016-03']]);
    expect(monthsOf(end)).toEqual(['2016-04']);
    expect(end.accounts.every(([k]) => k.startsWith('2016-04\u0000'))).toBe(true);
    const t = tables(sb.db);
    expect(t.stored).toEqual(t.lines);
  });

  it('stay with the reader to the end when every batch goes back and forth between months', async () => {
    const sb = await ledger();
    // A voucher of January, one of February, one of January…: every batch holds both months.
    const months = Array.from({ length: 6000 }, (_, i) => (i % 2 === 0 ? '2016-01' : '2016-02'));
    const { withBatches, end } = await handedOver(sb, sb.file('v.csv', scrambledCsv(months, 1)));
    expect(withBatches).toEqual([]);
    expect(monthsOf(end).sort()).toEqual(['2016-01', '2016-02']);
    const t = tables(sb.db);
    expect(t.stored).toEqual(t.lines);
  });

  it('written with batches before the reader thread ran out of memory: rolled back with the rest', async () => {
    const sb = await ledger();
    const limit = READER_LIMITS.maxOldGenerationSizeMb;
    // The reader's heap made small (as in import-reader.test.ts), so that one voucher of 70,000 lines overflows it.
    READER_LIMITS.maxOldGenerationSizeMb = 12;
    try {
      const n = 35_000;
      const huge = 'H1,2016-09-05,收房费,10201,1.00,,,,\n'.repeat(n) + 'H1,2016-09-05,收房费,50101,,1.00,,main,\n'.repeat(n);
      const file = sb.file('v.csv', scrambledCsv(['2016-01', '2016-02', '2016-03', '2016-04'], 1500) + huge);
      const script = readerScriptFor(file);
      expect(script).not.toBeNull();
      let handed = 0;
      const l = Ledger.open(sb.db);
      try {
        const write = l.writeAsync({ action: 'voucher.import', by: 'test', at: '2026-01-15 10:00:00' }, async (tx) => {
          await feedVouchersBeside({ ...tx.importStart(), file } as FeedStart, {
            batch: (b) => {
              if (b.sums) handed++;
              tx.insertBatch(b);
            },
          }, script);
        });
        await expect(write).rejects.toBeInstanceOf(ReaderOutOfMemory);
      } finally {
        l.close();
      }
      // January's and February's sums went to the writer before the reader failed (March's would have
      // gone with the batch after it, which the huge voucher never let be sent); none of it stayed.
      expect(handed).toBe(2);
      const d = new Database(sb.db, { readonly: true });
      try {
        for (const table of ['vouchers', 'balances', 'member_balances', 'project_balances', 'party_balances']) {
          expect(d.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get(), table).toBe(0);
        }
      } finally {
        d.close();
      }
      // The command runs it again in one thread: every sum once.
      const r = await runCli(['--db', sb.db, 'import', 'vouchers', file], { cwd: sb.dir });
      expect(r.code, r.stderr).toBe(0);
      const t = tables(sb.db);
      expect(t.stored).toEqual(t.lines);
      expect((await runCli(['--db', sb.db, 'verify'], { cwd: sb.dir })).code).toBe(0);
    } finally {
      READER_LIMITS.maxOldGenerationSizeMb = limit;
    }
  });
});
