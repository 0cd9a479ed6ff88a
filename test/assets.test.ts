// The asset register's rules on plain data: a new card, a file of cards, the register's figures and
// their agreement with 151/152, the disposal. Money in fen.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/domain/money.js';
import {
  assetRegister,
  checkAssetCard,
  checkAssetRows,
  checkDisposal,
  defaultDepreciable,
  depreciableChoice,
  disposalLines,
  disposalVoucher,
  manualDepreciation,
  reconcileRegister,
  type AssetCard,
  type AssetLookup,
  type AssetRecord,
} from '../src/domain/assets.js';
import { chart, codes } from './registers-fakes.js';

function card(over: Partial<AssetRecord> = {}): AssetRecord {
  return {
    code: 'A1',
    name: '主楼',
    category: '房屋及建筑物',
    spec: null,
    location: null,
    keeper: null,
    acquired: '2024-01-10',
    cost: 120_000, // 1,200.00; residual 0; 1 year → 10,000 a month from February
    residualRate: new Decimal(0),
    lifeYears: new Decimal(1),
    method: '年限平均法',
    expenseAccount: '511',
    status: '在用',
    operating: false,
    povertyRelief: false,
    lessee: null,
    annualRent: null,
    depreciable: true,
    project: null,
    note: null,
    disposedOn: null,
    disposalProceeds: null,
    disposalVoucherId: null,
    ...over,
  };
}

function lookup(registered: string[] = [], extra: Record<string, string> = {}, closed: { last: string | null; first?: string | null } = { last: null }): AssetLookup {
  return { ...chart(extra), assetExists: (c) => registered.includes(c), hasProject: (p) => p === 'tq', lastClosed: () => closed.last, firstPeriod: () => closed.first ?? null };
}

const ACC = { fixed: '151', accumulated: '152', clearing: '154', cash: '102', gain: '504', loss: '515' };

describe('checkAssetCard', () => {
  it('reports every problem at once: code taken, expense account of the wrong kind, unknown project', () => {
    const errors = checkAssetCard(card({ expenseAccount: '102', project: 'zz' }), lookup(['A1']), { file: 'a.csv', line: 4 });
    expect(codes(errors)).toEqual(['ASSET_EXISTS', 'ACCOUNT_PURPOSE', 'PROJECT_UNKNOWN']);
    expect(errors[1].zh).toBe('费用科目须为 401/511/513/514 或其明细科目，不能是「102 银行存款」');
    expect(errors.every((e) => e.source?.line === 4)).toBe(true);
  });

  it('the expense account must exist and be a leaf', () => {
    expect(codes(checkAssetCard(card({ expenseAccount: '999' }), lookup()))).toEqual(['ACCOUNT_UNKNOWN']);
    expect(codes(checkAssetCard(card(), lookup([], { '51101': '折旧费' })))).toEqual(['ACCOUNT_NOT_LEAF']);
    expect(checkAssetCard(card({ expenseAccount: '51101', project: 'tq' }), lookup([], { '51101': '折旧费' }))).toEqual([]);
  });

  it('land needs no expense account', () => {
    expect(checkAssetCard(card({ category: '土地', expenseAccount: null, depreciable: false }), lookup())).toEqual([]);
  });

  it('a card that would be depreciated in a month already closed: refused, naming the months', () => {
    // Acquired 2024-01-10: depreciated from February. Closed through March: February and March.
    const r = checkAssetCard(card(), lookup([], {}, { last: '2024-03', first: '2024-01' }));
    expect(codes(r)).toEqual(['ASSET_CLOSED_MONTHS']);
    expect(r[0].zh).toContain('资产「A1」在已结账的 2024-02、2024-03 应计提折旧');
    // Closed through January only, or acquired in March: nothing of it falls in a closed month.
    expect(checkAssetCard(card(), lookup([], {}, { last: '2024-01', first: '2024-01' }))).toEqual([]);
    expect(checkAssetCard(card({ acquired: '2024-03-05' }), lookup([], {}, { last: '2024-03', first: '2024-01' }))).toEqual([]);
    // Acquired before the books began (its earlier depreciation is in the opening balances): from the first month on.
    expect(codes(checkAssetCard(card({ acquired: '2020-05-01', lifeYears: new Decimal(10) }), lookup([], {}, { last: '2024-01', first: '2024-01' })))).toEqual(['ASSET_CLOSED_MONTHS']);
    // Land is never depreciated.
    expect(checkAssetCard(card({ category: '土地', expenseAccount: null, depreciable: false }), lookup([], {}, { last: '2024-03', first: '2024-01' }))).toEqual([]);
  });
});

describe('checkAssetRows', () => {
  it('a code seen on an earlier row is a duplicate, even when that row was bad; a registered code is taken', () => {
    const at = (line: number) => ({ file: 'a.csv', line });
    const errors = checkAssetRows(
      [
        { source: at(2), code: 'A1', entry: card() },
        { source: at(3), code: 'B1', entry: null }, // a bad row: its field errors come from the reader
        { source: at(4), code: 'B1', entry: card({ code: 'B1' }) },
        { source: at(5), code: 'A1', entry: card({ expenseAccount: '102' }) },
        { source: at(6), code: 'C1', entry: card({ code: 'C1' }) },
      ],
      lookup(['C1']),
    );
    expect(errors.map((e) => [e.source?.line, e.code])).toEqual([
      [4, 'ASSET_DUPLICATE'],
      [5, 'ASSET_DUPLICATE'],
      [5, 'ACCOUNT_PURPOSE'],
      [6, 'ASSET_EXISTS'],
    ]);
  });
});

describe('the register and 151/152', () => {
  // A1: 10,000 a month from 2024-02; three months posted = 30,000.
  // B1: cost 24,000, 1 year from 2024-03 → 2,000 a month; disposed 2024-03-15 after its March charge.
  const a1 = card();
  const b1 = card({ code: 'B1', acquired: '2024-02-01', cost: 24_000, disposedOn: '2024-03-15' });
  const posted = new Map([
    ['A1', 30_000],
    ['B1', 2_000],
  ]);

  it('a disposed card leaves the register; its cost and depreciation leave 151/152 with it', () => {
    const lines = assetRegister([a1, b1], posted, null, null);
    expect(lines.map((l) => [l.asset.code, l.inRegister, l.figures.accumulated, l.figures.net])).toEqual([
      ['A1', true, 30_000, 90_000],
      ['B1', false, 2_000, 22_000],
    ]);
    expect(reconcileRegister(lines, { cost: 120_000, accumulated: 30_000 })).toEqual({
      register: { cost: 120_000, accumulated: 30_000 },
      ledger: { cost: 120_000, accumulated: 30_000 },
      difference: { cost: 0, accumulated: 0 },
      agrees: true,
    });
    // 151 still holding B1: register − ledger = 120,000 − 144,000
    expect(reconcileRegister(lines, { cost: 144_000, accumulated: 30_000 })).toMatchObject({ difference: { cost: -24_000, accumulated: 0 }, agrees: false });
  });

  it('as of a day: cards acquired by then, a later disposal not yet counted', () => {
    const lines = assetRegister([a1, b1, card({ code: 'C1', acquired: '2024-06-01' })], posted, null, '2024-03-01');
    expect(lines.map((l) => [l.asset.code, l.inRegister])).toEqual([
      ['A1', true],
      ['B1', true],
    ]);
    expect(reconcileRegister(lines, { cost: 0, accumulated: 0 }).register).toEqual({ cost: 144_000, accumulated: 32_000 });
  });

  it('books that start mid-life: the months before are in the opening balance of 152', () => {
    // start 2024-04: A1's February and March (2 × 10,000) are opening; 10,000 posted for April
    const [line] = assetRegister([a1], new Map([['A1', 10_000]]), '2024-04', null);
    expect(line.figures).toMatchObject({ opening: 20_000, posted: 10_000, accumulated: 30_000, net: 90_000, monthly: 10_000, months: 12 });
  });
});

describe('checkDisposal', () => {
  const x = { date: '2024-05-15', proceeds: 50_000, cashAccount: null, depreciatedThrough: null };

  it('an unknown asset is the only error', () => {
    expect(codes(checkDisposal('ZZ', undefined, x, chart()).errors)).toEqual(['ASSET_UNKNOWN']);
  });

  it('every other reason at once: disposed already, before acquisition, nothing to post, cash account of the wrong kind', () => {
    const r = checkDisposal('A1', card({ disposedOn: '2024-03-01', cost: 0 }), { ...x, date: '2024-01-01', proceeds: 0, cashAccount: '501' }, chart());
    expect(codes(r.errors)).toEqual(['ASSET_DISPOSED', 'ASSET_DISPOSE_DATE', 'ASSET_DISPOSE_ZERO', 'ACCOUNT_PURPOSE']);
    expect(r.accounts).toBeNull();
  });

  it('not before the last month depreciated', () => {
    const r = checkDisposal('A1', card(), { ...x, date: '2024-05-31', depreciatedThrough: '2024-06' }, chart());
    expect(r.errors.map((e) => e.zh)).toEqual(['资产「A1」已计提折旧至 2024-06，处置日期 2024-05-31 不能早于该月']);
    expect(checkDisposal('A1', card(), { ...x, depreciatedThrough: '2024-05' }, chart()).errors).toEqual([]);
  });

  it('a cost beyond what 151 holds on the date (its purchase never reached the books) is refused; within it, taken', () => {
    // card(): cost 1,200.00.
    const r = checkDisposal('A1', card(), { ...x, fixedInBooks: 119_999 }, chart());
    expect(r.errors.map((e) => e.zh)).toEqual([
      '资产「A1」原值 1,200.00，而 151 固定资产在 2024-05-15 及以后最少只有 1,199.99：这张卡片的购置（或期初余额）没有记入总账，处置会使固定资产变成负数；请先补记购置凭证（借 151）',
    ]);
    expect(checkDisposal('A1', card(), { ...x, fixedInBooks: 120_000 }, chart()).errors).toEqual([]);
  });

  it('the accounts: each first-level account or its only leaf; 102 with two leaves asks for --account', () => {
    expect(checkDisposal('A1', card(), x, chart({ '10201': '基本户' })).accounts).toEqual({ ...ACC, cash: '10201' });
    expect(codes(checkDisposal('A1', card(), x, chart({ '10201': '基本户', '10202': '一般户' })).errors)).toEqual(['ACCOUNT_NOT_LEAF']);
    expect(checkDisposal('A1', card(), { ...x, cashAccount: '101' }, chart()).accounts).toEqual({ ...ACC, cash: '101' });
  });
});

describe('disposal entries', () => {
  it('balance: cost out of 151, accumulated out of 152, the net result to 504 or 515', () => {
    // cost 1,000.00, accumulated 300.00 → net 700.00; proceeds 650.00 → loss 50.00
    const loss = disposalLines({ cost: 100_000, accumulated: 30_000, proceeds: 65_000 }, ACC);
    expect(loss.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['154', 70_000, 0],
      ['152', 30_000, 0],
      ['151', 0, 100_000],
      ['102', 65_000, 0],
      ['154', 0, 65_000],
      ['515', 5_000, 0],
      ['154', 0, 5_000],
    ]);
    const sum = (side: 'debit' | 'credit') => loss.reduce((s, l) => s + l[side], 0);
    expect(sum('debit')).toBe(sum('credit'));
    // nothing received, fully depreciated to a zero net: only the transfer out
    const zero = disposalLines({ cost: 100_000, accumulated: 100_000, proceeds: 0 }, ACC);
    expect(zero.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['152', 100_000, 0],
      ['151', 0, 100_000],
    ]);
  });

  it('the voucher: accumulated = opening months + posted; a gain goes to 504 with the project', () => {
    // books start 2024-03: February's 10,000 is opening; March and April posted (20,000) → 30,000.
    // net 120,000 − 30,000 = 90,000; proceeds 100,000 → gain 10,000
    const d = disposalVoucher(card({ project: 'tq' }), { date: '2024-04-20', proceeds: 100_000, postedTotal: 20_000, firstPeriod: '2024-03', summary: null }, ACC);
    expect(d).toMatchObject({ accumulated: 30_000, net: 90_000, result: 10_000 });
    expect(d.draft).toMatchObject({ date: '2024-04-20', summary: '处置固定资产 A1 主楼', kind: 'asset-disposal' });
    expect(d.draft.lines.slice(-2)).toEqual([
      { account: '154', debit: 10_000, credit: 0, project: null },
      { account: '504', debit: 0, credit: 10_000, project: 'tq' },
    ]);
  });
});

describe('defaults and manual depreciation', () => {
  it('idle non-buildings and land are not depreciated by default; idle buildings are', () => {
    expect(defaultDepreciable('机器设备', '闲置')).toBe(false);
    expect(defaultDepreciable('房屋及建筑物', '闲置')).toBe(true);
    expect(defaultDepreciable('土地', '在用')).toBe(false);
    expect(defaultDepreciable('机器设备', '出租')).toBe(true);
    expect(defaultDepreciable('公益性生物资产', '在用')).toBe(false);
  });

  it('是否计提折旧 given: 否 only where the rules do not depreciate; 是 never for land; 是 for an idle machine is the user’s call', () => {
    const pick = (category: string, status: string, given: boolean | null) => {
      const r = depreciableChoice(category, status, given);
      return r.error ? r.error.code : r.depreciable;
    };
    expect(pick('机器设备', '在用', false)).toBe('ASSET_MUST_DEPRECIATE');
    expect(pick('机器设备', '出租', false)).toBe('ASSET_MUST_DEPRECIATE');
    expect(pick('房屋及建筑物', '闲置', false)).toBe('ASSET_MUST_DEPRECIATE');
    expect(pick('机器设备', '闲置', false)).toBe(false);
    expect(pick('公益性生物资产', '在用', false)).toBe(false);
    expect(pick('公益性生物资产', '在用', true)).toBe('ASSET_PUBLIC_BIOLOGICAL');
    // Other 公益性 assets (a public toilet, a village hall) are depreciated like any other.
    expect(pick('公益性房屋', '在用', null)).toBe(true);
    expect(pick('公益性设施', '在用', false)).toBe('ASSET_MUST_DEPRECIATE');
    expect(pick('土地', '在用', false)).toBe(false);
    expect(pick('土地', '在用', true)).toBe('ASSET_LAND');
    expect(pick('机器设备', '闲置', true)).toBe(true);
    expect(pick('机器设备', '在用', null)).toBe(true);
    expect(depreciableChoice('房屋及建筑物', '闲置', false).error!.zh).toContain('房屋及建筑物按制度须计提折旧');
  });

  it('units-of-work cards are left to the accountant, unless disposed', () => {
    const list: AssetCard[] = [card({ code: 'W1', method: '工作量法' }), card({ code: 'W2', method: '工作量法', status: '处置' }), card()];
    expect(manualDepreciation(list as AssetRecord[]).map((a) => a.code)).toEqual(['W1']);
  });
});
