// The planner's register summed per member by SQLite (summedRegister, read by weighSums) against
// the movements weighed one by one (weighMovements of planMovements) as the oracle: the same units
// held, the same weights, the same plan; and the sums left alone where SQLite cannot make them exact.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from './harness.js';
import { Decimal } from '../src/domain/money.js';
import { planDistribution, weighingDays, weighMovements, weighSums, type SummedHolding, type Weighing } from '../src/domain/distribution.js';
import { assemblePlan, type PlanOptions } from '../src/domain/dividend-plan.js';
import { planToJson } from '../src/domain/distribution.js';
import { Ledger } from '../src/store/ledger.js';
import { planMovements, summedRegister, summedWeighing } from '../src/store/shares.js';
import { planFacts } from '../src/store/dividends.js';

const OPTIONS: PlanOptions = {
  profit: 123_456_78,
  reserve: new Decimal('0.1'),
  payout: new Decimal(1),
  withhold: new Decimal('0.2'),
  basis: 'record-date',
  recordDate: null,
  offsetDebts: false,
  capPerHousehold: null,
  includeSubsidies: false,
};

const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const plain = (w: Weighing) => ({ basis: w.basis, year: w.year, shareDate: w.shareDate, held: sorted(w.held), numerators: w.numerators && sorted(w.numerators), denominator: w.denominator, badUnits: w.badUnits });

describe('summedRegister: the register summed by SQLite is the register weighed movement by movement', () => {
  const ledgers: Ledger[] = [];
  afterAll(() => ledgers.forEach((l) => l.close()));

  /** A ledger with project tq, these members (id, name, household) and movements (member, date, units) written straight into SQLite. */
  const tinyLedger = async (name: string, members: [string, string, string][], movements: [string, string, number | bigint][]): Promise<Ledger> => {
    const s = new Sandbox(name);
    await s.ok('init', '--name', '测试村', '--start', '2024-01');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
    // The project's income of the year, so that a plan of 1,000.00 is within what may be distributed.
    await s.ok('voucher', 'add', '--date', '2024-03-08', '--summary', '汤泉门票', '--debit', '102:12000', '--credit', '501:12000:p=tq');
    const db = new Database(s.db);
    for (const [id, n, hh] of members) db.prepare(`INSERT INTO members(id, name, household, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')`).run(id, n, hh);
    const ins = db.prepare(`INSERT INTO share_movements(project, member, date, share_class, units, kind, created_at) VALUES ('tq', ?, ?, '资金股', ?, 'grant', '2026-01-01T00:00:00Z')`);
    for (const [m, date, units] of movements) ins.run(m, date, units);
    db.close();
    const l = Ledger.open(s.db);
    ledgers.push(l);
    return l;
  };

  /**
   * A ledger whose project tq has grants, gifts away (negative movements) and a cancelled
   * contribution's shares, from 2022 to 2026 (2024 a leap year), over 60 members, 8 of them only
   * on the movements' side of a gift; and a project yc beside it that must not count.
   */
  const ledger = (async () => {
    const s = new Sandbox('plan-summed');
    await s.ok('init', '--name', '测试村', '--start', '2022-01');
    await s.ok('project', 'add', 'tq', '--name', '汤泉民宿', '--par', '100');
    await s.ok('project', 'add', 'yc', '--name', '鱼场', '--par', '100');
    const members = ['成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号'];
    for (let i = 1; i <= 60; i++) members.push(`M${String(i).padStart(3, '0')},成员${i},,H${Math.ceil(i / 3)},${i % 3 === 1 ? '户主' : '子女'},2016-01-01,正常,,`);
    await s.ok('import', 'members', s.file('members.csv', members.join('\n') + '\n'));
    const db = new Database(s.db);
    const ins = db.prepare(
      `INSERT INTO share_movements(project, member, date, share_class, units, kind, contribution_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')`,
    );
    let seed = 5;
    const rnd = (n: number) => Math.floor(((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * n);
    const day = () => `${2022 + rnd(5)}-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    for (let k = 0; k < 400; k++) {
      const m = `M${String(1 + rnd(52)).padStart(3, '0')}`;
      const units = (1 + rnd(50_000)) * (rnd(5) === 0 ? -1 : 1);
      ins.run(rnd(6) === 0 ? 'yc' : 'tq', m, day(), rnd(2) ? '资金股' : '人口股', units, units < 0 ? 'transfer' : 'grant', null);
    }
    // The year's first and last days, and a member whose movements net to nothing.
    ins.run('tq', 'M053', '2024-01-01', '资金股', 7000, 'grant', null);
    ins.run('tq', 'M054', '2024-12-31', '资金股', 3000, 'grant', null);
    ins.run('tq', 'M055', '2023-05-05', '资金股', 4000, 'grant', null);
    ins.run('tq', 'M055', '2024-05-05', '资金股', -4000, 'transfer', null);
    // A cancelled contribution's shares do not count.
    // (Its voucher is left out: the foreign keys are off for this connection.)
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `INSERT INTO contributions(id, project, member, date, kind, amount, units, capital, remainder, debit_account, voucher_id, created_at)
       VALUES (1, 'tq', 'M056', '2024-03-01', 'cash', 100000, 10000000, 100000, 0, '101', 999, '2026-01-01T00:00:00Z')`,
    ).run();
    ins.run('tq', 'M056', '2024-03-01', '资金股', 10_000_000, 'contribution', 1);
    db.prepare(`INSERT INTO contribution_cancellations(contribution_id, reason, cancelled_at) VALUES (1, '录错', '2026-01-01T00:00:00Z')`).run();
    db.close();
    const l = Ledger.open(s.db);
    ledgers.push(l);
    return l;
  })();

  const cases = [
    { basis: 'record-date' as const, year: 2024, recordDate: '2024-12-31' },
    { basis: 'record-date' as const, year: 2024, recordDate: '2024-06-15' },
    { basis: 'record-date' as const, year: 2023, recordDate: '2023-01-01' },
    { basis: 'time-weighted' as const, year: 2024, recordDate: '2024-12-31' },
    { basis: 'time-weighted' as const, year: 2023, recordDate: '2023-12-31' },
    { basis: 'time-weighted' as const, year: 2026, recordDate: '2026-12-31' },
  ];
  for (const c of cases) {
    it(`${c.basis} ${c.year} (${c.recordDate}): the same units held and weights`, async () => {
      const l = await ledger;
      const summed = summedWeighing(l, 'tq', c);
      expect(summed).not.toBeNull();
      const oracle = weighMovements(planMovements(l, 'tq'), c);
      expect(plain(summed!.weighing)).toEqual(plain(oracle));
      // Some held less than nothing (gifts before grants), some nothing: both as the oracle says.
      expect(oracle.held.size).toBeGreaterThan(20);
      expect(summed!.holders.every((h) => h.name === `成员${Number(h.member.slice(1))}`)).toBe(true);
    });
  }

  it('read a few members a page at a time (1, 2, 7, 53), the rows are those of one page, in the same order', async () => {
    const l = await ledger;
    for (const c of cases) {
      const days = weighingDays(c);
      const whole = [...summedRegister(l, 'tq', days)];
      expect(whole.length).toBeGreaterThan(50);
      for (const size of [1, 2, 7, 53]) expect([...summedRegister(l, 'tq', days, size)]).toEqual(whole);
    }
  });

  it('the pages read one snapshot: a grant committed by another connection between two pages is not seen', async () => {
    const l = await tinyLedger('plan-summed-snapshot', [['A', '甲', 'H1'], ['B', '乙', 'H1'], ['C', '丙', 'H2']], [['A', '2024-01-01', 10000], ['B', '2024-02-01', 20000]]);
    const days = weighingDays({ basis: 'record-date', year: 2024, recordDate: '2024-12-31' });
    const seen: string[] = [];
    const other = new Database(l.path);
    try {
      for (const r of summedRegister(l, 'tq', days, 1)) {
        seen.push(r[0]);
        // After the first page, another process grants C shares (WAL: it need not wait for the reader).
        if (seen.length === 1) other.prepare(`INSERT INTO share_movements(project, member, date, share_class, units, kind, created_at) VALUES ('tq', 'C', '2024-03-01', '资金股', 30000, 'grant', '2026-01-01T00:00:00Z')`).run();
      }
    } finally {
      other.close();
    }
    expect(seen).toEqual(['A', 'B']);
    // Read again, the grant is there.
    expect([...summedRegister(l, 'tq', days, 1)].map((r) => r[0])).toEqual(['A', 'B', 'C']);
  });

  it('the plans are the same, summed or weighed movement by movement, refusals included', async () => {
    const l = await ledger;
    for (const c of cases) {
      for (const o of [{}, { capPerHousehold: 30_000 }]) {
        const facts = planFacts(l, { code: 'tq', name: '汤泉民宿' }, c.year, false);
        const options = { ...OPTIONS, basis: c.basis, recordDate: c.recordDate, ...o };
        const fast = assemblePlan(facts, options);
        const slow = assemblePlan({ ...facts, summed: undefined }, options);
        const text = (r: typeof fast) => (r.ok ? JSON.stringify(planToJson(r.plan.distribution, 'tq')) : r.errors.map((e) => `${e.code} ${e.en}`));
        expect(text(fast)).toEqual(text(slow));
      }
    }
  });

  it('gives a plan whose allocations add up to the pool (a register without negative holdings)', async () => {
    const l = await tinyLedger('plan-summed-pos', [['A', '甲', 'H1'], ['B', '乙', 'H1'], ['C', '丙', 'H2']], [['A', '2024-01-01', 10000], ['B', '2024-07-01', 20000], ['C', '2024-12-31', 30000]]);
    const opts = { year: 2024, profit: 100_00, reserveRate: new Decimal(0), payoutRate: new Decimal(1), basis: 'time-weighted' as const, recordDate: '2024-12-31', withholdRate: new Decimal(0) };
    const summed = summedWeighing(l, 'tq', opts)!;
    const d = planDistribution(summed.holders, [], opts, summed.weighing);
    // Unit-days of 2024 (366 days): A 10000 × 366, B 20000 × 184 (07-01..12-31), C 30000 × 1:
    // 3,660,000 + 3,680,000 + 30,000 = 7,370,000. 100.00 yuan split: A 10000 × 3,660,000 ÷ 7,370,000
    // = 4966.08 → 4966 fen, B 4993.21 → 4993, C 40.70 → 40; 1 fen left to the largest remainder, C (0.70).
    expect(d.allocations.map((a) => [a.member, a.name, a.household, a.gross])).toEqual([['A', '甲', 'H1', 4966], ['B', '乙', 'H1', 4993], ['C', '丙', 'H2', 41]]);
  });

  it('the same plan where SQLite orders the members otherwise than JavaScript (UTF-8 bytes against UTF-16 code units)', async () => {
    // U+FF21 (Ａ, EF BC A1) sorts before U+1F600 (😀, F0 9F 98 80) in UTF-8 bytes, after it in UTF-16.
    const l = await tinyLedger('plan-summed-order', [['Ａ', '名Ａ', 'H1'], ['😀', '名😀', 'H1'], ['B', '名B', 'H2']], [['Ａ', '2024-01-01', 10000], ['😀', '2024-04-01', 30000], ['B', '2024-09-01', 20000]]);
    expect([...summedRegister(l, 'tq', weighingDays({ basis: 'record-date', year: 2024, recordDate: '2024-12-31' }))].map((r) => r[0])).toEqual(['B', 'Ａ', '😀']);
    // A page of one member at a time goes on after each in the same (UTF-8) order.
    expect([...summedRegister(l, 'tq', weighingDays({ basis: 'record-date', year: 2024, recordDate: '2024-12-31' }), 1)].map((r) => r[0])).toEqual(['B', 'Ａ', '😀']);
    for (const basis of ['record-date', 'time-weighted'] as const) {
      for (const o of [{}, { capPerHousehold: 25_000 }]) {
        const facts = planFacts(l, { code: 'tq', name: '汤泉民宿' }, 2024, false);
        const opts = { year: 2024, profit: 1000_00, reserveRate: new Decimal(0), payoutRate: new Decimal(1), basis, recordDate: '2024-12-31', withholdRate: new Decimal('0.2'), ...(o.capPerHousehold ? o : {}) };
        // The ceiling is not the point here (the ledger has no profit): the split itself is compared.
        const summed = summedWeighing(l, 'tq', opts)!;
        const fast = planDistribution(summed.holders, [], opts, summed.weighing);
        const slow = planDistribution(facts.holders, planMovements(l, 'tq'), opts);
        expect(JSON.stringify(planToJson(fast, 'tq'))).toBe(JSON.stringify(planToJson(slow, 'tq')));
        expect(fast.allocations.map((a) => [a.member, a.name, a.household])).toEqual([['B', '名B', 'H2'], ['😀', '名😀', 'H1'], ['Ａ', '名Ａ', 'H1']]);
      }
    }
  });

  /** The plan's JSON, or its refusal's codes and texts, weighed from the sums and from the movements. */
  const bothWays = (l: Ledger, o: Partial<PlanOptions>) => {
    const facts = planFacts(l, { code: 'tq', name: '汤泉民宿' }, 2024, false);
    const options = { ...OPTIONS, profit: 1000_00, recordDate: '2024-12-31', ...o };
    const text = (r: ReturnType<typeof assemblePlan>) => (r.ok ? JSON.stringify(planToJson(r.plan.distribution, 'tq')) : r.errors.map((e) => `${e.code} ${e.en}`));
    return { fast: text(assemblePlan(facts, options)), slow: text(assemblePlan({ ...facts, summed: undefined }, options)) };
  };

  it('refuses units that are not whole even when dated after the share date, as the movements one by one do', async () => {
    const l = await tinyLedger('plan-summed-later', [['A', '甲', 'H1'], ['B', '乙', 'H2']], [['A', '2024-01-01', 10000], ['B', '2025-03-01', 2n ** 53n + 2n]]);
    for (const basis of ['record-date', 'time-weighted'] as const) {
      expect(summedWeighing(l, 'tq', { basis, year: 2024, recordDate: '2024-12-31' })).toBeNull();
      const r = bothWays(l, { basis });
      expect(r.fast).toEqual(['DIVIDEND_PLAN cannot compute the plan: share movement of B on 2025-03-01: units must be an integer, got 9007199254740994']);
      expect(r.fast).toEqual(r.slow);
    }
  });

  it('names negative time weights by member id, either way', async () => {
    // B and A each give 1 share away early in 2024 and get it back on 12-01: they hold nothing less
    // than zero on 12-31, but weigh less than nothing over the year (B from 01-01, A from 02-01).
    const l = await tinyLedger('plan-summed-negative', [['A', '甲', 'H1'], ['B', '乙', 'H2'], ['C', '丙', 'H3']], [
      ['C', '2023-01-01', 50000],
      ['B', '2024-01-01', -10000],
      ['A', '2024-02-01', -10000],
      ['A', '2024-12-01', 10000],
      ['B', '2024-12-01', 10000],
    ]);
    const r = bothWays(l, { basis: 'time-weighted' });
    // A: −10000 × 335 + 10000 × 31 = −3,040,000 unit-days ÷ 3,660,000 = −0.830601; B: −10000 × 366 + 310,000 = −3,350,000 → −0.915301.
    expect((r.fast as string[]).map((e) => /^(DIVIDEND_PLAN) .*member (\w) has a negative time weight \((-0\.\d{6})/.exec(e)?.slice(1).join(' '))).toEqual([
      'DIVIDEND_PLAN A -0.830601',
      'DIVIDEND_PLAN B -0.915300',
    ]);
    expect(r.fast).toEqual(r.slow);
  });

  it('leaves a date with a time of day to the movements one by one: the same days counted', async () => {
    const l = await tinyLedger('plan-summed-time', [['A', '甲', 'H1'], ['B', '乙', 'H2']], [['A', '2024-06-01 12:00:00', 10000], ['B', '2024-01-01', 10000]]);
    expect(summedWeighing(l, 'tq', { basis: 'time-weighted', year: 2024, recordDate: '2024-12-31' })).toBeNull();
    const r = bothWays(l, { basis: 'time-weighted' });
    // A holds from 06-01: 214 of 366 days, 0.584699 of a share.
    expect(JSON.parse(r.fast as string).allocations[0]).toMatchObject({ member: 'A', weight: '0.584699' });
    expect(r.fast).toEqual(r.slow);
    // Record date: the dates are only compared, the same either way; the sums are used.
    expect(summedWeighing(l, 'tq', { basis: 'record-date', year: 2024, recordDate: '2024-12-31' })).not.toBeNull();
    const rd = bothWays(l, { basis: 'record-date' });
    expect(rd.fast).toEqual(rd.slow);
  });

  it('leaves to the movements a register SQLite cannot sum exactly: an overflow, a figure past 2^53, a malformed date', async () => {
    const l = await tinyLedger('plan-summed-big', [['A', '甲', 'H1'], ['B', '乙', 'H1']], [['A', '2024-02-01', 1000], ['B', '2024-02-01', 2n ** 62n], ['B', '2024-03-01', 2n ** 62n]]);
    const rd = { basis: 'record-date' as const, year: 2024, recordDate: '2024-12-31' };
    // 2^62 + 2^62 overflows SQLite's integers: SQLite refuses the sum, and there is no weighing from sums.
    expect(() => [...summedRegister(l, 'tq', weighingDays(rd))]).toThrow(/integer overflow/);
    expect(summedWeighing(l, 'tq', rd)).toBeNull();
    // Before March, B holds 2^62 units: a figure past 2^53, read back inexactly, so weighSums refuses it.
    const feb = { ...rd, recordDate: '2024-02-15' };
    const rows = [...summedRegister(l, 'tq', weighingDays(feb))];
    expect(rows.map((r) => r[0])).toEqual(['A', 'B']);
    expect(weighSums(rows, feb)).toBeNull();
    expect(summedWeighing(l, 'tq', feb)).toBeNull();
    // A figure each one safe, their sum not.
    const half: SummedHolding[] = [
      ['A', '甲', null, 2 ** 52, 2 ** 52, 2 ** 52],
      ['B', '乙', null, 2 ** 52, 2 ** 52, 2 ** 52],
    ];
    expect(weighSums(half, rd)).toBeNull();
    expect(weighSums(half.slice(0, 1), rd)).not.toBeNull();
    // Time-weighted, a day SQLite cannot read gives no largest |units|, and no sums.
    const tw = { basis: 'time-weighted' as const, year: 2024, recordDate: '2024-12-31' };
    const rows2: SummedHolding[] = [['A', '甲', null, 1000, 1000 * 335, null as unknown as number]];
    expect(weighSums(rows2, tw)).toBeNull();
  });

  it('finds a malformed date in the time-weighted sums', async () => {
    const l = await tinyLedger('plan-summed-date', [['A', '甲', 'H1']], [['A', '2024-00-01', 1000]]);
    const tw = { basis: 'time-weighted' as const, year: 2024, recordDate: '2024-12-31' };
    const rows = [...summedRegister(l, 'tq', weighingDays(tw))];
    // '2024-00-01' sorts before the year's first day, which it counts from (366 days): the day
    // count looks whole, and only the date itself shows it is not one.
    expect(rows).toEqual([['A', '甲', 'H1', 1000, 366_000, null]]);
    expect(weighSums(rows, tw)).toBeNull();
    expect(summedWeighing(l, 'tq', tw)).toBeNull();
  });
  it('reads the status histories of members not 正常 with no recorded change, and of members with one, by id', async () => {
    // D (迁出, no change recorded: a ledger written by hand or an older import) holds shares, as B
    // (已故 by a recorded change) does; A and C are 正常, C with a change back to it.
    const l = await tinyLedger('plan-summed-status', [['A', '甲', 'H1'], ['B', '乙', 'H1'], ['C', '丙', 'H2'], ['D', '丁', 'H3']], [['A', '2024-01-01', 10_000], ['B', '2024-01-01', 10_000], ['D', '2024-01-01', 20_000]]);
    const db = new Database(l.path);
    db.prepare(`UPDATE members SET status = '迁出', status_date = '2024-03-01' WHERE id = 'D'`).run();
    db.prepare(`UPDATE members SET status = '已故', status_date = '2024-05-01' WHERE id = 'B'`).run();
    const event = db.prepare(`INSERT INTO member_events(member, date, status, previous, created_at) VALUES (?, ?, ?, ?, '2026-01-01T00:00:00Z')`);
    event.run('B', '2024-05-01', '已故', '正常');
    event.run('C', '2024-02-01', '迁出', '正常');
    event.run('C', '2024-04-01', '正常', '迁出');
    db.close();
    const facts = planFacts(l, { code: 'tq', name: '汤泉民宿' }, 2024, false);
    expect([...facts.statuses]).toEqual([
      ['B', { status: '已故', events: [{ date: '2024-05-01', status: '已故', previous: '正常' }] }],
      ['C', { status: '正常', events: [{ date: '2024-02-01', status: '迁出', previous: '正常' }, { date: '2024-04-01', status: '正常', previous: '迁出' }] }],
      ['D', { status: '迁出', events: [] }],
    ]);
    const r = assemblePlan(facts, { ...OPTIONS, profit: 1000_00 });
    expect(r.ok ? [] : r.errors.map((e) => `${e.code} ${e.en.slice(0, 40)}`)).toEqual([
      expect.stringMatching(/^DIVIDEND_INACTIVE_HOLDER .*B/),
      expect.stringMatching(/^DIVIDEND_INACTIVE_HOLDER .*D/),
    ]);
  });
});
