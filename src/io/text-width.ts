// How wide a string is on a terminal: CJK and full-width characters take two columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const ZERO = /[\u0300-\u036f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufe00-\ufe0f\ufeff]/;

const PLAIN = /^[\x20-\x7e]*$/;

export function displayWidth(s: string): number {
  if (PLAIN.test(s)) return s.length;
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ZERO.test(ch)) continue;
    if (cp >= 0x20000 || WIDE.test(ch)) w += 2;
    else w += 1;
  }
  return w;
}

// Line breaking for CJK text: a break may fall between any two wide characters, never before a
// closing mark nor after an opening one; runs of ASCII (option names, numbers, words) stay whole
// unless `hard` allows cutting a run longer than the line.
const CLOSING = /^[，。、；：？！）」』》〉】”’,.;:?!)\]}%…]$/u;
const OPENING = /^[（「『《〈【“‘([{]$/u;

function breakUnits(line: string): string[] {
  const raw = line.match(/\s+|[\x21-\x7e]+|./gu) ?? [];
  const out: string[] = [];
  for (const t of raw) {
    const prev = out[out.length - 1];
    if (prev !== undefined && !/^\s/.test(prev) && (CLOSING.test(t) || OPENING.test([...prev].pop()!))) out[out.length - 1] = prev + t;
    else out.push(t);
  }
  return out;
}

/** Cut a string into pieces at most `width` columns wide, character by character. */
function hardCut(s: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (cur !== '' && displayWidth(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** Wrap text to `width` columns (CJK counted as two), keeping the line breaks it has. */
export function wrapText(text: string, width: number, opts: { hard?: boolean } = {}): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const lines: string[] = [];
      let cur = '';
      let w = 0;
      const units = breakUnits(line).flatMap((u) => (opts.hard && displayWidth(u) > width && !/^\s+$/.test(u) ? hardCut(u, width) : [u]));
      for (const u of units) {
        const uw = displayWidth(u);
        if (w + uw > width && cur.trim() !== '') {
          lines.push(cur.trimEnd());
          cur = '';
          w = 0;
        }
        if (cur === '' && lines.length > 0 && /^\s+$/.test(u)) continue; // no space opens a line
        cur += u;
        w += uw;
      }
      lines.push(cur.trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}
