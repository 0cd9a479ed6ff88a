// A deterministic voucher CSV of any size for the tests: a decade of a village's books.
import fs from 'node:fs';

/** Leaf accounts the generated books use (created by the benchmark before importing). */
export const BENCH_ACCOUNTS: [string, string][] = [
  ['10201', '基本户'],
  ['10202', '一般户'],
  ['50101', '民宿经营收入'],
  ['50102', '土地发包收入'],
  ['51101', '民宿经营支出'],
  ['51301', '办公费'],
  ['51302', '水电费'],
];

const PAIRS: [string, string, string][] = [
  ['收民宿房费', '10201', '50101'],
  ['收土地发包款', '10202', '50102'],
  ['付民宿耗材', '51101', '10201'],
  ['付办公用品', '51301', '101'],
  ['付电费', '51302', '10201'],
  ['提现备用', '101', '10202'],
];

/** Write `lines` voucher lines (4 per voucher) spread over years from..from+years-1. */
export function generateVoucherCsv(file: string, lines: number, fromYear = 2015, years = 10): { vouchers: number; debit: bigint } {
  const fd = fs.openSync(file, 'w');
  let seed = 20240315;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  const vouchers = Math.floor(lines / 4);
  const perMonth = Math.ceil(vouchers / (years * 12));
  let buf = '凭证号,日期,摘要,科目编码,借方金额,贷方金额,项目\n';
  let total = 0n;
  for (let v = 0; v < vouchers; v++) {
    const m = Math.floor(v / perMonth);
    const y = fromYear + Math.floor(m / 12);
    const mo = (m % 12) + 1;
    const d = (rnd() % 28) + 1;
    const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const [summary, dr, cr] = PAIRS[rnd() % PAIRS.length];
    const a = (rnd() % 500000) + 100;
    const b = (rnd() % 300000) + 100;
    const p = dr.startsWith('5') || cr.startsWith('5') ? 'main' : '';
    const fa = (x: number) => `${Math.floor(x / 100)}.${String(x % 100).padStart(2, '0')}`;
    buf +=
      `V${v},${date},${summary},${dr},${fa(a)},,${p}\n` +
      `V${v},${date},${summary},${cr},,${fa(a)},${p}\n` +
      `V${v},${date},${summary},${dr},${fa(b)},,${p}\n` +
      `V${v},${date},${summary},${cr},,${fa(b)},${p}\n`;
    total += BigInt(a + b);
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  return { vouchers, debit: total };
}
