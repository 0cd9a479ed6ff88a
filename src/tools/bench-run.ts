// Running one command as a user would (a fresh process) and measuring it: wall time, CPU time
// (user + system, which a busy machine disturbs less than wall time) and peak resident memory.
// GNU time (/usr/bin/time) reports the child's peak RSS exactly; without it, /proc/PID/status is
// polled (VmHWM only grows, so the last reading before exit is at most one poll behind).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Measured {
  seconds: number;
  cpuSeconds: number;
  rssMB: number;
  code: number;
  stderr: string;
  /** Killed after RunOptions.timeoutSeconds. */
  timedOut?: boolean;
}

export interface RunOptions {
  /** Where stdout goes (a file path); default /dev/null. */
  stdout?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the command (and GNU time around it) after this long. */
  timeoutSeconds?: number;
}

const GNU_TIME = '/usr/bin/time';

/** Process groups of the commands running now: Ctrl-C on the bench ends them too (they are detached). */
const running = new Set<number>();
process.once('SIGINT', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.exit(130);
});
let gnuTime: boolean | undefined;

/** Is GNU time there (and does it take -f/-o)? */
export function hasGnuTime(): boolean {
  if (gnuTime === undefined) gnuTime = spawnSync(GNU_TIME, ['-f', '%M', '-o', '/dev/null', 'true']).status === 0;
  return gnuTime;
}

/** Is `cmd` on the PATH? */
export function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function openOut(file: string | undefined): number {
  return fs.openSync(file ?? '/dev/null', 'w');
}

/** Run `cmd args` to completion and measure it. */
export async function measure(cmd: string, args: string[], opts: RunOptions = {}): Promise<Measured> {
  const out = openOut(opts.stdout);
  try {
    return hasGnuTime() ? await measureWithTime(cmd, args, opts, out) : await measureWithProc(cmd, args, opts, out);
  } finally {
    fs.closeSync(out);
  }
}

function collect(child: ReturnType<typeof spawn>, timeoutSeconds?: number): Promise<{ code: number; stderr: string; ended: bigint; timedOut: boolean }> {
  let stderr = '';
  let timedOut = false;
  running.add(child.pid!);
  // The child leads its own process group (detached), so the command under GNU time dies with it.
  const timer =
    timeoutSeconds === undefined
      ? null
      : setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, timeoutSeconds * 1000);
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    if (stderr.length < 1 << 20) stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      running.delete(child.pid!);
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stderr, ended: process.hrtime.bigint(), timedOut });
    });
  });
}

async function measureWithTime(cmd: string, args: string[], opts: RunOptions, out: number): Promise<Measured> {
  const report = path.join(os.tmpdir(), `sanzi-bench-time-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const child = spawn(GNU_TIME, ['-f', '%U %S %M', '-o', report, cmd, ...args], { stdio: ['ignore', out, 'pipe'], env: opts.env, cwd: opts.cwd, detached: true });
  const { code, stderr, ended, timedOut } = await collect(child, opts.timeoutSeconds);
  const last = fs.existsSync(report) ? fs.readFileSync(report, 'utf8').trim().split('\n').pop()! : '';
  const [user, sys, rssKB] = /^[\d.]+ [\d.]+ \d+$/.test(last) ? last.split(' ').map(Number) : [NaN, NaN, NaN];
  fs.rmSync(report, { force: true });
  return { seconds: Number(ended - t0) / 1e9, cpuSeconds: user + sys, rssMB: rssKB / 1024, code, stderr, timedOut };
}

async function measureWithProc(cmd: string, args: string[], opts: RunOptions, out: number): Promise<Measured> {
  const tick = 100; // USER_HZ on Linux
  const t0 = process.hrtime.bigint();
  const child = spawn(cmd, args, { stdio: ['ignore', out, 'pipe'], env: opts.env, cwd: opts.cwd, detached: true });
  let hwmKB = 0;
  let cpu = 0;
  const poll = () => {
    try {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+)/.exec(status);
      if (m) hwmKB = Math.max(hwmKB, Number(m[1]));
      const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu = (Number(f[11]) + Number(f[12])) / tick; // utime, stime
    } catch {
      // gone already
    }
  };
  const timer = setInterval(poll, 5);
  poll();
  const { code, stderr, ended, timedOut } = await collect(child, opts.timeoutSeconds);
  clearInterval(timer);
  return { seconds: Number(ended - t0) / 1e9, cpuSeconds: cpu, rssMB: hwmKB / 1024, code, stderr, timedOut };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  disk: string;
  loadAverage: number[];
}

/** A description of this machine for the record. */
export function machine(): Machine {
  const cpus = os.cpus();
  let disk = '';
  try {
    disk = spawnSync('df', ['-h', '--output=source,fstype', os.tmpdir()], { encoding: 'utf8' }).stdout.trim().split('\n').pop() ?? '';
  } catch {
    // not Linux
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    disk,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** `ledger --version`, `hledger --version`, `sqlite3 --version`: the first line. */
export function versionOf(cmd: string): string {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return (r.stdout || r.stderr || '').trim().split('\n')[0];
}
