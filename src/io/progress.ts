// A progress bar on stderr, only when stderr is a terminal.
import cliProgress from 'cli-progress';
import type { Lang } from '../domain/errors.js';

/** What a progress bar needs of the command's context. */
export interface ProgressEnv {
  lang: Lang;
  stderrIsTTY: boolean;
}

export function progressBar(ctx: ProgressEnv): { update: (done: number, total: number) => void; stop: () => void } | null {
  if (!ctx.stderrIsTTY) return null;
  const bar = new cliProgress.SingleBar(
    {
      format: (ctx.lang === 'en' ? 'importing ' : '导入中 ') + '[{bar}] {percentage}% {value}/{total} MB',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let last = 0;
  return {
    update: (done, total) => {
      const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
      if (!started) {
        bar.start(mb(total), 0);
        started = true;
      }
      const now = Date.now();
      if (now - last > 100 || done >= total) {
        bar.update(mb(done));
        last = now;
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
