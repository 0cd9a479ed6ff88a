// The benchmark's books, generated from a seed so that every run measures the same data:
// a member roll, share grants in `main` and in a project, and years of vouchers (with members and
// projects on some lines), written as sanzi's CSVs and, line for line, as a plain-text journal for
// ledger and hledger. The generator keeps every leaf account's balance in fen, so the results can be
// checked without trusting any of the programs measured.
import fs from 'node:fs';
import path from 'node:path';

/** Bump when the generated data changes, so cached data is made again. */
export const DATA_VERSION = 2;

export const PROJECT = { code: 'tq', name: '汤泉民宿', par: '1' };
export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2024;
/** The year the dividend steps distribute (the project has income and expense in it). */
export const DIVIDEND_YEAR = LAST_YEAR;
/** The account whose ledger the `report ledger` step prints (about a tenth of all lines). */
export const LEDGER_ACCOUNT = '10202';

/** Leaf accounts the books use, created before any import (first-level codes need no creating). */
export const BENCH_ACCOUNTS: readonly [string, string][] = [
  ['10201', '基本户'],
  ['10202', '一般户'],
  ['50101', '民宿经营收入'],
  ['50102', '农产品销售收入'],
  ['50401', '利息收入'],
  ['51101', '民宿经营支出'],
  ['51102', '农产品销售成本'],
  ['51301', '办公费'],
  ['51302', '水电费'],
];

export interface BenchData {
  dir: string;
  scale: number;
  seed: number;
  members: { file: string; rows: number };
  sharesMain: { file: string; rows: number };
  sharesProject: { file: string; rows: number };
  vouchers: { file: string; lines: number; vouchers: number };
  journal: string;
  /** Lines posted to each leaf account. */
  linesByAccount: Record<string, number>;
  /** Each leaf account's balance in fen, debit positive. */
  balances: Record<string, number>;
  /** The project's income − expense in DIVIDEND_YEAR, in fen. */
  projectProfit: number;
}

/** mulberry32: small, fast, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffered text output: the generator writes tens of megabytes. */
class Out {
  private buf = '';
  private readonly fd: number;
  constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }
  write(s: string): void {
    this.buf += s;
    if (this.buf.length > 1 << 20) this.flush();
  }
  private flush(): void {
    fs.writeSync(this.fd, this.buf);
    this.buf = '';
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${pad(fen % 100, 2)}`;
const memberId = (i: number) => `M${pad(i + 1, 6)}`;

const SURNAMES = '邓李王张陈刘黄杨赵吴周徐孙朱胡郭何罗梁宋谢唐韩冯曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文';
const GIVEN = '志强秀英建华国明丽娟文军伟芳敏静海燕平红霞玉兰桂英德福永春金凤兴旺荣光辉宝珍淑贤家豪子轩梓涵雨欣浩然思远佳怡俊杰';
const RELATIONS = ['配偶', '子', '女', '孙子', '孙女', '儿媳'];
const GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A valid, unique 居民身份证号码 for member i (GB 11643 check character). */
function idCard(i: number): string {
  // Birth dates cycle through 23,000 days from 1940-01-01; the sequence number tells apart the
  // members born on one day (7 × the cycle + i mod 7, unique for i < 23,000 × 142).
  const birth = new Date(Date.UTC(1940, 0, 1) + (i % 23000) * 86400000);
  const seq = Math.floor(i / 23000) * 7 + (i % 7);
  const first17 = `441827${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}${pad(seq % 1000, 3)}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (first17.charCodeAt(k) - 48) * GB11643_WEIGHTS[k];
  return first17 + '10X98765432'[sum % 11];
}

function generateMembers(dir: string, n: number, rnd: () => number): BenchData['members'] {
  const file = path.join(dir, 'members.csv');
  const out = new Out(file);
  out.write('成员编号,姓名,身份证号,户号,与户主关系,加入日期,状态,开户银行,银行账号\n');
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const household = Math.floor(i / 4);
    const head = i % 4 === 0;
    const name = SURNAMES[Math.floor(rnd() * SURNAMES.length)] + GIVEN[Math.floor(rnd() * GIVEN.length)] + (rnd() < 0.6 ? GIVEN[Math.floor(rnd() * GIVEN.length)] : '');
    const card = idCard(i);
    if (seen.has(card)) throw new Error(`generator: duplicate ID card ${card}`);
    seen.add(card);
    const relation = head ? '户主' : RELATIONS[Math.floor(rnd() * RELATIONS.length)];
    out.write(`${memberId(i)},${name},${card},H${pad(household + 1, 6)},${relation},2010-01-01,正常,清新农商银行,62155810${pad(i + 1, 11)}\n`);
  }
  out.close();
  return { file, rows: n };
}

function generateShares(dir: string, n: number, rnd: () => number): { main: BenchData['sharesMain']; project: BenchData['sharesProject'] } {
  const mainFile = path.join(dir, 'shares-main.csv');
  const main = new Out(mainFile);
  main.write('日期,成员编号,项目,股种,股数,说明\n');
  for (let i = 0; i < n; i++) main.write(`${FIRST_YEAR}-01-01,${memberId(i)},main,人口股,${rnd() < 0.8 ? '1' : '0.5'},股份固化\n`);
  main.close();
  // Project grants dated through the dividend year, so time-weighted and record-date plans differ.
  const projectFile = path.join(dir, 'shares-project.csv');
  const project = new Out(projectFile);
  project.write('日期,成员编号,项目,股种,股数,说明\n');
  const jan1 = Date.UTC(DIVIDEND_YEAR, 0, 1);
  for (let i = 0; i < n; i++) {
    const day = rnd() < 0.5 ? 0 : Math.floor(rnd() * 365);
    const date = new Date(jan1 + day * 86400000).toISOString().slice(0, 10);
    project.write(`${date},${memberId(i)},${PROJECT.code},资金股,${1 + Math.floor(rnd() * 200)},入股\n`);
  }
  project.close();
  return { main: { file: mainFile, rows: n }, project: { file: projectFile, rows: n } };
}

interface Line {
  account: string;
  debit: number;
  credit: number;
  member?: string;
  project?: string;
}

/** Voucher templates: a summary and the lines for amounts a ≥ b drawn at random. */
type Template = { weight: number; summary: string; lines: (a: number, b: number, member: string) => Line[] };
const dr = (account: string, fen: number, tag: Partial<Line> = {}): Line => ({ account, debit: fen, credit: 0, ...tag });
const cr = (account: string, fen: number, tag: Partial<Line> = {}): Line => ({ account, debit: 0, credit: fen, ...tag });
const tq = { project: PROJECT.code };

const TWO_LINES: Template[] = [
  { weight: 24, summary: '收民宿房费', lines: (a) => [dr('10201', a), cr('50101', a, tq)] },
  { weight: 12, summary: '收农产品销售款', lines: (a) => [dr('10201', a), cr('50102', a)] },
  { weight: 16, summary: '付民宿耗材', lines: (_a, b) => [dr('51101', b, tq), cr('10201', b)] },
  { weight: 8, summary: '结转农产品销售成本', lines: (_a, b) => [dr('51102', b), cr('121', b)] },
  { weight: 10, summary: '采购农资', lines: (_a, b) => [dr('121', b), cr('10201', b)] },
  { weight: 5, summary: '付办公用品', lines: (_a, b) => [dr('51301', b), cr('10202', b)] },
  { weight: 4, summary: '成员借款', lines: (_a, b, m) => [dr('113', b, { member: m }), cr('10202', b)] },
  { weight: 4, summary: '成员还款', lines: (_a, b, m) => [dr('10202', b), cr('113', b, { member: m })] },
  { weight: 5, summary: '基本户转一般户', lines: (a) => [dr('10202', a), cr('10201', a)] },
  { weight: 2, summary: '收存款利息', lines: (_a, b) => [dr('10201', b), cr('50401', b)] },
  { weight: 2, summary: '提取备用金', lines: (_a, b) => [dr('101', b), cr('10201', b)] },
];
const THREE_LINES: Template[] = [
  { weight: 2, summary: '付民宿水电及耗材', lines: (a, b) => [dr('51101', a, tq), dr('51302', b, tq), cr('10201', a + b)] },
  { weight: 1, summary: '收房费及押金', lines: (a, b) => [dr('10201', a + b), cr('50101', a, tq), cr('211', b)] },
];
const FOUR_LINES: Template[] = [
  { weight: 1, summary: '收房费并付清洁费', lines: (a, b) => [dr('10201', a), cr('50101', a, tq), dr('51101', b, tq), cr('10202', b)] },
];

function pickTemplate(list: Template[], r: number): Template {
  const total = list.reduce((s, t) => s + t.weight, 0);
  let x = r * total;
  for (const t of list) {
    x -= t.weight;
    if (x < 0) return t;
  }
  return list[list.length - 1];
}

const PARENT: Record<string, string> = Object.fromEntries(BENCH_ACCOUNTS.map(([code]) => [code, code.slice(0, 3)]));
const journalAccount = (code: string) => (PARENT[code] ? `${PARENT[code]}:${code}` : code);

function generateVouchers(dir: string, lines: number, members: number, rnd: () => number) {
  const file = path.join(dir, 'vouchers.csv');
  const journal = path.join(dir, 'vouchers.journal');
  const csv = new Out(file);
  const jnl = new Out(journal);
  csv.write('凭证号,日期,摘要,科目编码,借方金额,贷方金额,成员编号,项目\n');
  jnl.write(`; The benchmark's vouchers as a journal (amounts in yuan; members and projects left out).\n`);
  const linesByAccount: Record<string, number> = {};
  const balances: Record<string, number> = {};
  let projectProfit = 0;
  let vouchers = 0;
  const months = (LAST_YEAR - FIRST_YEAR + 1) * 12;
  for (let m = 0; m < months; m++) {
    const year = FIRST_YEAR + Math.floor(m / 12);
    const month = (m % 12) + 1;
    const dim = new Date(Date.UTC(year, month, 0)).getUTCDate();
    let budget = Math.round((lines * (m + 1)) / months) - Math.round((lines * m) / months);
    // Draw this month's vouchers first (their sizes fill the budget exactly), then date them in order.
    const sizes: number[] = [];
    while (budget > 0) {
      const r = rnd();
      let k = r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
      if (budget - k === 1) k = k === 4 ? 3 : k + 1;
      if (k > budget) k = budget;
      sizes.push(k);
      budget -= k;
    }
    for (let v = 0; v < sizes.length; v++) {
      const k = sizes[v];
      const t = pickTemplate(k === 2 ? TWO_LINES : k === 3 ? THREE_LINES : FOUR_LINES, rnd());
      const a = 2000 + Math.floor(rnd() * 2_000_000); // 20.00 – 20,020.00
      const b = 1000 + Math.floor(rnd() * 800_000); //   10.00 –  8,010.00
      const member = memberId(Math.floor(rnd() * members));
      const ls = t.lines(a, b, member);
      if (ls.length !== k) throw new Error(`generator: template ${t.summary} has ${ls.length} lines, not ${k}`);
      const day = 1 + Math.floor(((v + rnd()) * dim) / sizes.length);
      const date = `${year}-${pad(month, 2)}-${pad(Math.min(day, dim), 2)}`;
      const number = v + 1; // numbered from 1 each month
      jnl.write(`\n${date.replace(/-/g, '/')} ${t.summary}\n`);
      for (const l of ls) {
        csv.write(`${number},${date},${t.summary},${l.account},${l.debit ? yuan(l.debit) : ''},${l.credit ? yuan(l.credit) : ''},${l.member ?? ''},${l.project ?? ''}\n`);
        jnl.write(`    ${journalAccount(l.account)}    ${l.debit ? yuan(l.debit) : '-' + yuan(l.credit)}\n`);
        linesByAccount[l.account] = (linesByAccount[l.account] ?? 0) + 1;
        balances[l.account] = (balances[l.account] ?? 0) + l.debit - l.credit;
        if (l.project === PROJECT.code && year === DIVIDEND_YEAR) projectProfit += l.credit - l.debit;
      }
      vouchers++;
    }
  }
  csv.close();
  jnl.close();
  return { vouchers: { file, lines, vouchers }, journal, linesByAccount, balances, projectProfit };
}

/**
 * Generate (or reuse, when the same scale and seed were generated before) the benchmark's data in
 * `dir`: 1,000,000 × scale voucher lines over FIRST_YEAR..LAST_YEAR, 100,000 × scale members, one
 * grant each in `main` and in the project.
 */
export function benchData(dir: string, scale: number, seed = 20261201): { data: BenchData; reused: boolean } {
  const stamp = path.join(dir, 'data.json');
  if (fs.existsSync(stamp)) {
    const old = JSON.parse(fs.readFileSync(stamp, 'utf8')) as BenchData & { version: number };
    if (old.version === DATA_VERSION && old.scale === scale && old.seed === seed && fs.existsSync(old.vouchers.file)) return { data: old, reused: true };
  }
  fs.mkdirSync(dir, { recursive: true });
  const memberCount = Math.max(10, Math.round(100_000 * scale));
  const lineCount = Math.max(200, Math.round(1_000_000 * scale));
  // One stream of random numbers per file, so changing one file leaves the others as they were.
  const members = generateMembers(dir, memberCount, prng(seed));
  const shares = generateShares(dir, memberCount, prng(seed + 1));
  const v = generateVouchers(dir, lineCount, memberCount, prng(seed + 2));
  const data: BenchData = {
    dir,
    scale,
    seed,
    members,
    sharesMain: shares.main,
    sharesProject: shares.project,
    vouchers: v.vouchers,
    journal: v.journal,
    linesByAccount: v.linesByAccount,
    balances: v.balances,
    projectProfit: v.projectProfit,
  };
  fs.writeFileSync(stamp, JSON.stringify({ version: DATA_VERSION, ...data }, null, 1));
  return { data, reused: false };
}
