// npm run bench [-- --scale 0.1] [-- --runs 3] [-- --no-peers] [-- --strict]
//
// Generates the benchmark's books from a seed (src/tools/bench-data.ts), then runs every step of
// STEPS below as a user would: a fresh `sanzi` process (bin/sanzi.js run as installed, through its
// #! line). The whole sequence runs three times, in rounds: each round builds its ledger afresh
// (init, the imports, the declaration) and runs every step once, so that a step's three runs lie
// a round (a minute or more) apart and a slow minute of the machine falls on one of them, not on all
// three; the median counts. Peers run once a round on the same data where installed: `ledger
// balance`, `hledger balance` on the vouchers written as a journal, and sqlite3's `.import` of the
// same CSV as the floor. Every account's balance is checked against the generator's own sums and
// against ledger's. Prints one table and writes bench/results.json and bench/results.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  BENCH_ACCOUNTS,
  DIVIDEND_YEAR,
  FIRST_YEAR,
  LAST_YEAR,
  LEDGER_ACCOUNT,
  PROJECT,
  benchData,
  type BenchData,
} from './bench-data.js';
import { hasGnuTime, machine, measure, median, versionOf, which, type Measured } from './bench-run.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'bin', 'sanzi.js');

const { values: opt } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(root, 'bench') },
    peers: { type: 'boolean', default: true },
    strict: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '900' },
  },
  allowNegative: true,
});
const scale = Number(opt.scale);
const RUNS = Math.max(1, Math.floor(Number(opt.runs)));
/** One run of a step that takes longer is stopped and the step counts as failed. */
const TIMEOUT = Number(opt.timeout);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${opt.scale}`);
const outDir = path.resolve(opt.out);
const work = path.join(outDir, 'work');
const db = path.join(work, 'bench.db');
const outFile = (name: string) => path.join(work, 'out', name);

/** What a step needs to know to build its command line. */
interface Ctx {
  data: BenchData;
}

/** One measured command. The order of STEPS is the order they run in: later steps see the ledger earlier ones wrote. */
interface Step {
  name: string;
  /** sanzi's arguments (the --db option is added in front); or a whole other command line. */
  args: (c: Ctx) => string[];
  command?: 'node';
  /** What the step processes, for rows/s. */
  rows?: (c: Ctx) => number;
  /** Target wall time (seconds) and peak memory (MB) at scale 1. */
  target?: { seconds?: number; rssMB?: number };
  /** The work grows with the books: at another scale the target does not apply. */
  scales?: boolean;
  /** Writes to the ledger: run in every round, since the steps after it read what it wrote. */
  writes?: boolean;
  /** Runs without a ledger. */
  noDb?: boolean;
  /** A file the command writes (--out), removed before each run. */
  out?: string;
  /** A reference measurement, not sanzi's. */
  reference?: boolean;
  /** Variables taken out of the step's environment. */
  unset?: string[];
  /** Looks at what the step wrote; returns what is wrong, or null. */
  check?: (c: Ctx) => string | null;
  /** Steps this one cannot run without (skipped when one of them failed). */
  needs?: string[];
}

/** The plan's JSON must hold every member, its profit must be the generated project's, and the gross must add up to the pool. */
function checkPlan(file: string) {
  return (c: Ctx): string | null => {
    const plan = JSON.parse(fs.readFileSync(outFile(file), 'utf8')) as { profit: string; pool: string; allocations: { gross: string }[] };
    const gross = plan.allocations.reduce((sum, a) => sum + toFen(a.gross), 0);
    if (plan.allocations.length !== c.data.sharesProject.rows) return `${plan.allocations.length} allocations for ${c.data.sharesProject.rows} holders`;
    if (toFen(plan.profit) !== c.data.projectProfit) return `profit ${plan.profit}, the generated books say ${c.data.projectProfit / 100}`;
    if (gross !== toFen(plan.pool)) return `the gross adds up to ${gross / 100}, the pool is ${plan.pool}`;
    return null;
  };
}

const Y = String(DIVIDEND_YEAR);
const PLAN = ['--project', PROJECT.code, '--year', Y, '--reserve', '10'];

const STEPS: Step[] = [
  { name: 'node -e 0 (Node.js start, for reference)', command: 'node', args: () => ['-e', '0'], noDb: true, reference: true },
  // What sanzi's own start costs on top of Node's: bin/sanzi.js starts Node without NODE_EXTRA_CA_CERTS.
  { name: 'node -e 0 without NODE_EXTRA_CA_CERTS (for reference)', command: 'node', args: () => ['-e', '0'], noDb: true, reference: true, unset: ['NODE_EXTRA_CA_CERTS'] },
  { name: 'sanzi --help', args: () => ['--help'], noDb: true, target: { seconds: 0.15 } },
  { name: 'import members', args: (c) => ['import', 'members', c.data.members.file], rows: (c) => c.data.members.rows, writes: true, scales: true, target: { seconds: 3, rssMB: 200 } },
  { name: 'import shares (main)', args: (c) => ['import', 'shares', c.data.sharesMain.file], rows: (c) => c.data.sharesMain.rows, writes: true, scales: true, target: { seconds: 3, rssMB: 200 } },
  { name: 'import shares (project)', args: (c) => ['import', 'shares', c.data.sharesProject.file], rows: (c) => c.data.sharesProject.rows, writes: true, scales: true, target: { seconds: 3, rssMB: 200 } },
  { name: 'import vouchers', args: (c) => ['import', 'vouchers', c.data.vouchers.file], rows: (c) => c.data.vouchers.lines, writes: true, scales: true, target: { seconds: 3, rssMB: 150 } },
  { name: 'account list (a small command)', args: () => ['account', 'list'], target: { seconds: 0.15 } },
  { name: `report trial-balance ${LAST_YEAR}`, args: () => ['report', 'trial-balance', '--from', `${LAST_YEAR}-01`, '--to', `${LAST_YEAR}-12`], target: { seconds: 0.1 } },
  { name: `report balance-sheet ${LAST_YEAR}-06-15`, args: () => ['report', 'balance-sheet', '--as-of', `${LAST_YEAR}-06-15`], target: { seconds: 0.1 } },
  {
    name: `report ledger ${LEDGER_ACCOUNT} → CSV file`,
    args: () => ['report', 'ledger', '--account', LEDGER_ACCOUNT, '--from', `${FIRST_YEAR}-01`, '--to', `${LAST_YEAR}-12`, '--out', outFile('ledger.csv')],
    rows: (c) => c.data.linesByAccount[LEDGER_ACCOUNT] ?? 0,
    out: 'ledger.csv',
    scales: true,
    target: { seconds: 0.5 },
  },
  { name: 'verify', args: () => ['verify'], rows: (c) => c.data.vouchers.lines, scales: true, target: { seconds: 3 } },
  { name: 'share register → CSV file', args: () => ['shares', '--project', PROJECT.code, '--as-of', `${Y}-12-31`, '--out', outFile('register.csv')], rows: (c) => c.data.members.rows, out: 'register.csv', scales: true, target: { seconds: 1 } },
  { name: 'dividend plan (record date) → JSON file', args: () => ['dividend', 'plan', ...PLAN, '--format', 'json', '--out', outFile('plan.json')], rows: (c) => c.data.members.rows, out: 'plan.json', scales: true, target: { seconds: 1 }, check: checkPlan('plan.json') },
  { name: 'dividend plan (time-weighted) → JSON file', args: () => ['dividend', 'plan', ...PLAN, '--basis', 'time-weighted', '--format', 'json', '--out', outFile('plan-tw.json')], rows: (c) => c.data.members.rows, out: 'plan-tw.json', scales: true, target: { seconds: 1 }, check: checkPlan('plan-tw.json') },
  // declare prints the plan it posted: as JSON, as a script would read 100,000 allocations.
  { name: 'dividend declare → JSON file', args: () => ['dividend', 'declare', ...PLAN, '--format', 'json', '--out', outFile('declared.json')], rows: (c) => c.data.members.rows, out: 'declared.json', writes: true, scales: true },
  { name: 'dividend roll → CSV file', needs: ['dividend declare → JSON file'], args: () => ['dividend', 'roll', '--project', PROJECT.code, '--year', Y, '--format', 'csv', '--out', outFile('roll.csv')], rows: (c) => c.data.members.rows, out: 'roll.csv', scales: true, target: { seconds: 1 } },
];

/** Commands run once to build the ledger, untimed. */
const SETUP: string[][] = [
  ['init', '--name', '基准测试村股份经济合作社', '--start', `${FIRST_YEAR}-01`],
  ...BENCH_ACCOUNTS.map(([code, name]) => ['account', 'add', code, name]),
  ['project', 'add', PROJECT.code, '--name', PROJECT.name, '--par', PROJECT.par],
];

interface StepResult {
  step: string;
  command: string;
  rows: number | null;
  runs: number;
  seconds: number;
  secondsEach: number[];
  cpuSeconds: number;
  rowsPerSecond: number | null;
  peakRssMB: number;
  target: { seconds?: number; rssMB?: number } | null;
  /** true/false against the target; null when there is none or it does not apply at this scale. */
  pass: boolean | null;
  reference?: boolean;
  /** Why the step did not finish: the command failed or timed out, its output was wrong, or a step it needs failed. */
  error?: string;
}

const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SANZI_')));
env.SANZI_USER = 'bench';

function sanziArgs(step: Step, c: Ctx): { cmd: string; args: string[] } {
  if (step.command === 'node') return { cmd: process.execPath, args: step.args(c) };
  return { cmd: bin, args: [...(step.noDb ? [] : ['--db', db]), ...step.args(c)] };
}

function fail(what: string, m: Measured): never {
  process.stderr.write(`\n${what} failed (exit ${m.code}):\n${m.stderr}\n`);
  process.exit(1);
}

async function sanzi(args: string[]): Promise<Measured> {
  const m = await measure(bin, ['--db', db, ...args], { env, cwd: work });
  if (m.code !== 0) fail(`sanzi ${args.join(' ')}`, m);
  return m;
}

/** A step's runs so far, over the rounds. */
interface Tally {
  runs: Measured[];
  /** Why it failed (its later rounds are not run). */
  error?: string;
  /** A step of minutes, ten times over its target if it has one, is told well enough by one run. */
  enough?: boolean;
}

/** One run of a step. */
async function runOnce(step: Step, c: Ctx): Promise<Measured> {
  const { cmd, args } = sanziArgs(step, c);
  if (step.out) fs.rmSync(outFile(step.out), { force: true });
  const stepEnv = step.unset ? Object.fromEntries(Object.entries(env).filter(([k]) => !step.unset!.includes(k))) : env;
  return measure(cmd, args, { env: stepEnv, cwd: work, stdout: path.join(work, 'out', 'stdout.txt'), timeoutSeconds: TIMEOUT });
}

/** A step run once more, in this round, into its tally. */
async function runRound(step: Step, c: Ctx, t: Tally): Promise<void> {
  const m = await runOnce(step, c);
  if (m.timedOut || m.code !== 0) {
    t.error = m.timedOut ? `stopped after ${TIMEOUT} s` : `exit ${m.code}: ${m.stderr.trim().split('\n').slice(0, 3).join(' / ')}`;
    return;
  }
  t.runs.push(m);
  t.error = step.check?.(c) ?? undefined;
  if (m.seconds > Math.max(30, 10 * (step.target?.seconds ?? 0))) t.enough = true;
}

/** A step's result from its runs: the median of their times, the largest of their peaks. */
function stepResult(step: Step, c: Ctx, t: Tally): StepResult {
  const ms = t.runs;
  const error = t.error;
  const seconds = ms.length ? median(ms.map((m) => m.seconds)) : NaN;
  const rss = ms.length ? Math.max(...ms.map((m) => m.rssMB)) : NaN;
  const rows = step.rows ? step.rows(c) : null;
  const applies = step.target && (!step.scales || scale === 1);
  const pass = error
    ? false
    : applies
      ? (step.target!.seconds === undefined || seconds <= step.target!.seconds) && (step.target!.rssMB === undefined || rss <= step.target!.rssMB)
      : null;
  return {
    ...describe(step, c),
    rows,
    runs: ms.length,
    seconds,
    secondsEach: ms.map((m) => Number(m.seconds.toFixed(3))),
    cpuSeconds: ms.length ? median(ms.map((m) => m.cpuSeconds)) : NaN,
    rowsPerSecond: rows && !error ? Math.round(rows / seconds) : null,
    peakRssMB: Math.round(rss),
    pass,
    ...(error ? { error } : {}),
  };
}

function describe(step: Step, c: Ctx): Pick<StepResult, 'step' | 'command' | 'target' | 'reference'> {
  return {
    step: step.name,
    command: `${(step.unset ?? []).map((k) => `env -u ${k} `).join('')}${step.command === 'node' ? 'node' : 'sanzi'} ${step.args(c).map(shortPaths).join(' ')}`,
    target: step.target ?? null,
    ...(step.reference ? { reference: true } : {}),
  };
}

/** A step not run because one it needs failed. */
function notRun(step: Step, c: Ctx, failed: string): StepResult {
  return { ...describe(step, c), rows: null, runs: 0, seconds: NaN, secondsEach: [], cpuSeconds: NaN, rowsPerSecond: null, peakRssMB: NaN, pass: false, error: `not run: ${failed} failed` };
}

/** File names without their directories, for the record. */
const shortPaths = (arg: string) => arg.replace(/(?:\/[^\s/]+)+\/([^\s/]+)/g, '$1');

function removeLedger(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** The commit measured, with `+` when the work tree has changes. */
function gitCommit(): string | null {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  if (head.status !== 0) return null;
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).stdout.trim() !== '';
  return head.stdout.trim() + (dirty ? '+' : '');
}

/** Will bin/sanzi.js load the bundle (see loadMain there)? */
function bundleInUse(): boolean {
  try {
    return fs.statSync(path.join(root, 'dist', 'bundle', 'sanzi.cjs')).mtimeMs >= fs.statSync(path.join(root, 'dist', 'cli', 'main.js')).mtimeMs;
  } catch {
    return false;
  }
}

// ---- Balances: sanzi against the generator's sums, and against ledger.

/** "1234.50" / "-0.35" / "12" → fen, exactly (no floating point). */
function toFen(s: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) throw new Error(`not an amount: "${s}"`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

interface Agreement {
  checked: string[];
  accounts: number;
  differences: string[];
}

async function checkBalances(c: Ctx, ledgerBin: string | null): Promise<Agreement> {
  const json = path.join(work, 'out', 'trial-balance-all.json');
  fs.rmSync(json, { force: true });
  await sanzi(['report', 'trial-balance', '--from', `${FIRST_YEAR}-01`, '--to', `${LAST_YEAR}-12`, '--format', 'json', '--out', json]);
  const tb = JSON.parse(fs.readFileSync(json, 'utf8')) as { rows: { account: string; closing: string }[] };
  const ours = new Map(tb.rows.map((r) => [r.account, toFen(r.closing)]));
  const differences: string[] = [];
  const checked = ['generator'];
  const expected = c.data.balances;
  for (const [code, fen] of Object.entries(expected)) {
    const got = ours.get(code) ?? 0;
    if (got !== fen) differences.push(`${code}: sanzi ${got / 100}, generated ${fen / 100}`);
  }
  for (const [code, fen] of ours) {
    // Rows of parents roll up their children; every other row must be one the generator wrote.
    const isParent = Object.keys(expected).some((leaf) => leaf !== code && leaf.startsWith(code));
    if (!isParent && !(code in expected) && fen !== 0) differences.push(`${code}: sanzi ${fen / 100}, not in the generated books`);
    if (isParent) {
      const sum = Object.entries(expected).filter(([leaf]) => leaf.startsWith(code) && leaf !== code).reduce((s, [, v]) => s + v, 0);
      if (sum !== fen) differences.push(`${code}: sanzi ${fen / 100}, its accounts add up to ${sum / 100}`);
    }
  }
  if (ledgerBin) {
    checked.push('ledger');
    const r = await measure(ledgerBin, ['-f', c.data.journal, 'balance', '--flat', '--no-total', '--balance-format', '%(account)\t%(quantity(scrub(display_total)))\n'], {
      stdout: path.join(work, 'out', 'ledger-balance.txt'),
    });
    if (r.code !== 0) fail('ledger balance', r);
    const theirs = new Map<string, number>();
    for (const line of fs.readFileSync(path.join(work, 'out', 'ledger-balance.txt'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const [account, amount] = line.split('\t');
      theirs.set(account.split(':').pop()!, toFen(amount));
    }
    for (const [code, fen] of theirs) {
      if ((ours.get(code) ?? 0) !== fen) differences.push(`${code}: sanzi ${(ours.get(code) ?? 0) / 100}, ledger ${fen / 100}`);
    }
    for (const code of Object.keys(expected)) if (!theirs.has(code) && expected[code] !== 0) differences.push(`${code}: missing from ledger's balance`);
  }
  return { checked, accounts: Object.keys(expected).length, differences };
}

// ---- Peers.

interface PeerResult {
  peer: string;
  version: string;
  command: string;
  runs: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMB: number;
  /** The sanzi step it is compared with, and how many times faster sanzi is (< 1: slower). */
  versus: string;
  sanziSpeedup: number;
  goal?: string;
  pass?: boolean | null;
}

/** A peer's command, what it is compared with, and its runs over the rounds. */
interface Peer {
  /** The program (sqlite3, ledger, hledger). */
  name: string;
  /** What it is asked to do, for the progress lines. */
  what: string;
  cmd: string;
  args: string[];
  /** The sanzi step it is compared with (the start of its name). */
  versus: string;
  /** A file the command makes, removed before and after each run. */
  fresh?: string;
  goal?: number;
  runs: Measured[];
}

/** One run of a peer (one run of a minute says enough: not again in later rounds). */
async function peerRound(p: Peer): Promise<void> {
  if (p.runs.some((m) => m.seconds > 60)) return;
  if (p.fresh) fs.rmSync(p.fresh, { force: true });
  process.stdout.write(`  peer: ${p.name} ${p.what} … `);
  const m = await measure(p.cmd, p.args, { cwd: work, timeoutSeconds: TIMEOUT });
  if (m.code !== 0) fail(p.name, m);
  p.runs.push(m);
  if (p.fresh) fs.rmSync(p.fresh, { force: true });
  console.log(`${fmt(m.seconds)} s`);
}

function peerResult(p: Peer, results: StepResult[]): PeerResult {
  const versus = results.find((r) => r.step.startsWith(p.versus))!;
  const ms = p.runs;
  const seconds = median(ms.map((m) => m.seconds));
  const speedup = seconds / versus.seconds;
  return {
    peer: p.name,
    version: versionOf(p.cmd),
    command: `${path.basename(p.cmd)} ${p.args.map((a) => (/\s/.test(a) ? `'${shortPaths(a)}'` : shortPaths(a))).join(' ')}`,
    runs: ms.length,
    seconds,
    cpuSeconds: median(ms.map((m) => m.cpuSeconds)),
    peakRssMB: Math.round(Math.max(...ms.map((m) => m.rssMB))),
    versus: versus.step,
    sanziSpeedup: Number(speedup.toFixed(2)),
    ...(p.goal ? { goal: `sanzi ≥ ${p.goal}× faster`, pass: speedup >= p.goal } : {}),
  };
}

// ---- Output.

const fmt = (n: number | null | undefined, d = 2) => (n === null || n === undefined ? '' : n.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
const fmtInt = (n: number | null | undefined) => (n === null || n === undefined ? '' : Math.round(n).toLocaleString('en'));

function targetText(t: StepResult['target']): string {
  if (!t) return '';
  return [t.seconds !== undefined ? `≤ ${t.seconds} s` : '', t.rssMB !== undefined ? `≤ ${t.rssMB} MB` : ''].filter(Boolean).join(', ');
}

function table(results: StepResult[], peers: PeerResult[]): string {
  const head = ['step', 'rows', 'seconds', 'runs', 'rows/s', 'CPU s', 'peak RSS MB', 'target', 'result'];
  const lines = [
    `| ${head.join(' | ')} |`,
    '|---|---:|---:|---:|---:|---:|---:|---|---|',
    ...results.map(
      (r) =>
        `| ${r.step} | ${fmtInt(r.rows)} | ${Number.isNaN(r.seconds) ? '' : `${r.error?.startsWith('stopped') ? '> ' : ''}${fmt(r.seconds)}`} | ${r.runs} | ${fmtInt(r.rowsPerSecond)} | ${Number.isNaN(r.cpuSeconds) ? '' : fmt(r.cpuSeconds)} | ${Number.isNaN(r.peakRssMB) ? '' : r.peakRssMB} | ${targetText(r.target)} | ${r.error ? `**FAIL**: ${r.error}` : r.pass === null ? (r.target ? `(scale ${scale})` : '') : r.pass ? 'pass' : '**FAIL**'} |`,
    ),
    ...peers.map(
      (p) =>
        `| peer: ${p.command} | | ${fmt(p.seconds)} | ${p.runs} | | ${fmt(p.cpuSeconds)} | ${p.peakRssMB} | ${p.goal ?? ''} | ${p.pass === undefined ? '' : p.pass ? 'pass: ' : '**FAIL**: '}sanzi's ${p.versus.split(' ').slice(0, 2).join(' ')} ${p.sanziSpeedup >= 1 ? `${fmt(p.sanziSpeedup, 1)}× faster` : `${fmt(1 / p.sanziSpeedup, 1)}× slower`} |`,
    ),
  ];
  return lines.join('\n');
}

// ---- Main.

async function main(): Promise<void> {
  const started = new Date();
  const loadBefore = machine().loadAverage;
  fs.mkdirSync(path.join(work, 'out'), { recursive: true });
  removeLedger(db);
  const t0 = Date.now();
  const { data, reused } = benchData(path.join(outDir, 'data', `scale-${scale}`), scale);
  const c: Ctx = { data };
  console.log(
    `${reused ? 'reusing' : 'generated'} ${data.vouchers.lines.toLocaleString('en')} voucher lines (${data.vouchers.vouchers.toLocaleString('en')} vouchers, ${FIRST_YEAR}–${LAST_YEAR}), ` +
      `${data.members.rows.toLocaleString('en')} members with a grant each in main and ${PROJECT.code} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${data.dir})`,
  );
  if (!hasGnuTime()) console.log('(/usr/bin/time not found: peak memory is read from /proc while each command runs)');
  if (!bundleInUse()) console.log('NOTE: bin/sanzi.js will load the unbundled modules (no bundle, or tsc ran after it): run `npm run build` first');
  const ledgerBin = which('ledger');
  const peers: Peer[] = [];
  const skipped: string[] = [];
  if (opt.peers) {
    const sqlite = which('sqlite3');
    if (sqlite) {
      const floor = path.join(work, 'floor.sqlite');
      peers.push({ name: 'sqlite3', what: '.import', cmd: sqlite, args: [floor, `.import --csv ${data.vouchers.file} v`], versus: 'import vouchers', fresh: floor, runs: [] });
    } else skipped.push('sqlite3');
    for (const name of ['ledger', 'hledger']) {
      const exe = which(name);
      if (exe) peers.push({ name, what: 'balance', cmd: exe, args: ['-f', data.journal, 'balance'], versus: 'report trial-balance', goal: name === 'ledger' ? 50 : undefined, runs: [] });
      else skipped.push(name);
    }
  }

  const tallies = new Map<Step, Tally>(STEPS.map((s) => [s, { runs: [] }]));
  const failedStep = (name: string) => tallies.get(STEPS.find((s) => s.name === name)!)!.error !== undefined;
  let agreement: Agreement | null = null;
  for (let round = 1; round <= RUNS; round++) {
    console.log(`round ${round} of ${RUNS}:`);
    removeLedger(db);
    for (const args of SETUP) await sanzi(args);
    for (const step of STEPS) {
      const t = tallies.get(step)!;
      if (t.error !== undefined || (t.enough && !step.writes) || step.needs?.some(failedStep)) continue;
      process.stdout.write(`  ${step.name} … `);
      await runRound(step, c, t);
      const m = t.runs.at(-1);
      const over = m && step.target?.seconds !== undefined && (!step.scales || scale === 1) && m.seconds > step.target.seconds;
      console.log(t.error !== undefined ? `FAILED (${t.error})` : `${fmt(m!.seconds)} s, CPU ${fmt(m!.cpuSeconds)} s, ${Math.round(m!.rssMB)} MB${over ? '  ← over its target' : ''}`);
      if (round === 1 && step.name === 'import vouchers' && t.error === undefined) {
        agreement = await checkBalances(c, ledgerBin);
        console.log(
          agreement.differences.length
            ? `BALANCES DISAGREE (${agreement.differences.length}):\n  ${agreement.differences.slice(0, 30).join('\n  ')}`
            : `  balances of all ${agreement.accounts} accounts agree to the fen with ${agreement.checked.join(' and ')}`,
        );
      }
    }
    for (const p of peers) await peerRound(p);
    // A write that failed, or took minutes, leaves later rounds nothing better to say.
    if (STEPS.some((s) => s.writes && (tallies.get(s)!.error !== undefined || tallies.get(s)!.enough))) break;
  }
  const results = STEPS.map((step) => {
    const t = tallies.get(step)!;
    const need = step.needs?.find(failedStep);
    return need && t.runs.length === 0 ? notRun(step, c, need) : stepResult(step, c, t);
  });
  const peerResults = peers.filter((p) => p.runs.length > 0).map((p) => peerResult(p, results));
  const dbMB = Math.round(fs.statSync(db).size / 2 ** 20);

  const m = { ...machine(), loadAverageBefore: loadBefore };
  const summary = [
    `sanzi benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, scale ${scale} (${data.vouchers.lines.toLocaleString('en')} voucher lines, ${data.members.rows.toLocaleString('en')} members), medians of ${RUNS} runs, one a round`,
    `${m.cores} × ${m.cpu}, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${loadBefore.join(' ')} before, ${m.loadAverage.join(' ')} after; ledger file ${dbMB} MB; commit ${gitCommit() ?? '?'}`,
  ];
  const text = table(results, peerResults);
  console.log(`\n${summary.join('\n')}\n\n${text}`);
  if (skipped.length) console.log(`\npeers not installed, skipped: ${skipped.join(', ')} (apt-get install ${skipped.join(' ')})`);
  if (agreement) console.log(agreement.differences.length ? `\nBALANCES DISAGREE with ${agreement.checked.join('/')}: ${agreement.differences.length} accounts` : `\nbalances agree with ${agreement.checked.join(' and ')} for all ${agreement.accounts} accounts`);

  fs.writeFileSync(
    path.join(outDir, 'results.json'),
    JSON.stringify(
      {
        date: started.toISOString(),
        scale,
        runs: RUNS,
        commit: gitCommit(),
        bundle: bundleInUse(),
        machine: m,
        data: {
          voucherLines: data.vouchers.lines,
          vouchers: data.vouchers.vouchers,
          members: data.members.rows,
          years: [FIRST_YEAR, LAST_YEAR],
          ledgerMB: dbMB,
          csvMB: Number((fs.statSync(data.vouchers.file).size / 2 ** 20).toFixed(1)),
        },
        steps: results,
        peers: peerResults,
        peersSkipped: skipped,
        balances: agreement,
      },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(path.join(outDir, 'results.md'), `${summary.join('  \n')}\n\n${text}\n`);
  console.log(`\nwritten: ${path.relative(process.cwd(), path.join(outDir, 'results.json'))}, results.md`);
  if (!opt.keep) removeLedger(db);

  const failed = results.filter((r) => r.error);
  if (failed.length) {
    process.stderr.write(`\nfailed: ${failed.map((r) => `${r.step} (${r.error})`).join('; ')}\n`);
    process.exitCode = 1;
  }
  if (agreement && agreement.differences.length) {
    process.stderr.write(`\nsanzi's balances disagree with ${agreement.checked.join('/')}: see above.\n`);
    process.exit(1);
  }
  if (opt.strict && (results.some((r) => r.pass === false) || peerResults.some((p) => p.pass === false))) process.exit(2);
}

await main();
