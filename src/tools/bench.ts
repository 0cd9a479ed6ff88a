// npm run bench: a deterministic 1,000,000-line voucher CSV; wall time and peak memory of
// `import vouchers`, `report trial-balance` and `report balance-sheet`, each a fresh process.
// Peers (hledger, ledger, beancount) are measured on the same books when installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_ACCOUNTS, generateVoucherCsv } from './gen-vouchers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const measure = path.join(here, 'measure.js');
const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-bench-'));
const db = path.join(dir, 'bench.db');
const csv = path.join(dir, 'vouchers.csv');

function run(args: string[]): { ms: number; rssMB: number; code: number; stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [measure, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { ms, rssMB: m ? Number(m[1]) / 1024 : NaN, code: r.status ?? -1, stderr: r.stderr };
}

function must(args: string[]) {
  const r = run(args);
  if (r.code !== 0) {
    process.stderr.write(`sanzi ${args.join(' ')} failed (${r.code}):\n${r.stderr}\n`);
    process.exit(1);
  }
  return r;
}

const t0 = Date.now();
const gen = generateVoucherCsv(csv, LINES);
console.log(`generated ${LINES.toLocaleString('en')} lines (${gen.vouchers.toLocaleString('en')} vouchers, ${(fs.statSync(csv).size / 1048576).toFixed(1)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
must(['init', '--name', '基准测试村', '--start', '2015-01']);
for (const [code, name] of BENCH_ACCOUNTS) must(['account', 'add', code, name]);

const results: [string, { ms: number; rssMB: number }][] = [];
results.push(['import vouchers', must(['import', 'vouchers', csv])]);
results.push(['report trial-balance --from 2024-01 --to 2024-12', must(['report', 'trial-balance', '--from', '2024-01', '--to', '2024-12', '--format', 'json'])]);
results.push(['report balance-sheet --as-of 2024-06-15', must(['report', 'balance-sheet', '--as-of', '2024-06-15', '--format', 'json'])]);
results.push(['report income --year 2024', must(['report', 'income', '--year', '2024', '--format', 'json'])]);
results.push(['verify', must(['verify'])]);

console.log(`\nsanzi on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| step | wall time | peak RSS |');
console.log('|---|---:|---:|');
for (const [name, r] of results) console.log(`| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${r.rssMB.toFixed(0)} MB |`);
console.log(`ledger file: ${(fs.statSync(db).size / 1048576).toFixed(0)} MB`);

// Peers on the same books, when installed.
function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const peers: [string, string[], string][] = [
  ['hledger', ['-f', path.join(dir, 'bench.journal'), 'balance', '--no-total'], 'hledger balance'],
  ['ledger', ['-f', path.join(dir, 'bench.journal'), 'balance'], 'ledger balance'],
];
const available = peers.filter(([cmd]) => which(cmd));
if (available.length) {
  // Write the same vouchers as a plain-text journal.
  const lines = fs.readFileSync(csv, 'utf8').split('\n').slice(1);
  const out: string[] = [];
  let cur = '';
  for (const l of lines) {
    if (!l) continue;
    const [v, date, summary, account, debit, credit] = l.split(',');
    if (v !== cur) {
      out.push(`\n${date.replace(/-/g, '/')} ${summary}`);
      cur = v;
    }
    out.push(`    a${account}    ${debit ? debit : '-' + credit}`);
  }
  fs.writeFileSync(path.join(dir, 'bench.journal'), out.join('\n') + '\n');
  console.log('\npeers on the same books:');
  for (const [cmd, args, label] of available) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: 'ignore' });
    console.log(`| ${label} | ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(2)} s | exit ${r.status} |`);
  }
} else {
  console.log('\npeers (hledger, ledger): not installed, skipped');
}
fs.rmSync(dir, { recursive: true, force: true });
