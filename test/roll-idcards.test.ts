// The roll's ID numbers read alongside the allocations (idCardWalker): the same as looking each member up.
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { Ledger } from '../src/store/ledger.js';
import { idCardWalker } from '../src/store/dividends.js';

/** The ID number of each of `members`, asked of one walker in turn (as the roll asks). */
function idCardsOf(ledger: Ledger, members: readonly string[]): (string | null)[] {
  const w = idCardWalker(ledger);
  try {
    return members.map((m) => w.of(m)?.idCard ?? null);
  } finally {
    w.close();
  }
}

describe('idCardWalker', () => {
  let ledger: Ledger | undefined;
  afterAll(() => ledger?.close());

  const open = async () => {
    if (ledger) return ledger;
    const s = new Sandbox('idcards');
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    const file = s.file(
      'members.csv',
      [
        '成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号',
        'M03,丙,441827196503120113,H01,户主,2016-01-01,正常,,',
        'M01,甲,441827196807050222,H01,配偶,2016-01-01,正常,,',
        'M10,癸,,H02,户主,2016-01-01,正常,,',
        'M02,乙,441827199001010313,H02,子女,2016-01-01,正常,,',
      ].join('\n') + '\n',
    );
    await s.ok('import', 'members', file);
    return (ledger = Ledger.open(s.db));
  };

  it('by id: each member its own number, null without one or unknown', async () => {
    const l = await open();
    expect(idCardsOf(l, ['M01', 'M02', 'M03', 'M04', 'M10'])).toEqual(['441827196807050222', '441827199001010313', '441827196503120113', null, null]);
    expect(idCardsOf(l, ['M03'])).toEqual(['441827196503120113']);
    expect(idCardsOf(l, [])).toEqual([]);
  });

  it('in another order: looked up by id, the same numbers', async () => {
    const l = await open();
    expect(idCardsOf(l, ['M10', 'M03', 'M01', 'M00'])).toEqual([null, '441827196503120113', '441827196807050222', null]);
  });

  it('the walker: in order, then out of order part way, then the ledger closes cleanly', async () => {
    const l = await open();
    const w = idCardWalker(l);
    expect(w.of('M01')?.idCard ?? null).toBe('441827196807050222');
    expect(w.of('M015')?.idCard ?? null).toBeNull();
    expect(w.of('M03')?.idCard ?? null).toBe('441827196503120113');
    // Back to an earlier id: looked up by id from here on.
    expect(w.of('M02')?.idCard ?? null).toBe('441827199001010313');
    expect(w.of('M10')?.idCard ?? null).toBeNull();
    expect(w.of('M01')?.idCard ?? null).toBe('441827196807050222');
    w.close();
    // Closed part way through the members: the connection is free for other statements.
    const w2 = idCardWalker(l);
    expect(w2.of('M01')?.idCard ?? null).toBe('441827196807050222');
    w2.close();
    expect(l.allAccounts().length).toBeGreaterThan(0);
    expect(idCardsOf(l, ['M02', 'M02'])).toEqual(['441827199001010313', '441827199001010313']);
  });

  it('ids that SQLite and JavaScript order differently (past U+FFFF against U+E000–U+FFFF): every number found', async () => {
    const s = new Sandbox('idcards-astral');
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    const file = s.file(
      'members.csv',
      ['成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号', '\u{20000}1,甲,441827196807050222,H01,户主,2016-01-01,正常,,', '\uFF211,乙,441827199001010313,H02,户主,2016-01-01,正常,,', 'A1,丙,441827196503120113,H03,户主,2016-01-01,正常,,'].join('\n') + '\n',
    );
    await s.ok('import', 'members', file);
    const l = Ledger.open(s.db);
    try {
      // In code-unit order, as a plan's allocations come: A1, then 𠀀1 (a surrogate pair, D840…), then Ａ1 (FF21).
      const ids = ['A1', '\u{20000}1', '\uFF211'];
      expect([...ids].sort()).toEqual(ids);
      expect(idCardsOf(l, ids)).toEqual(['441827196503120113', '441827196807050222', '441827199001010313']);
    } finally {
      l.close();
    }
  });
});
