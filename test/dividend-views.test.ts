// The notice's printable page, and how emit writes an Output that carries a ready page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Refusal } from '../src/domain/errors.js';
import { emit } from '../src/io/emit.js';
import type { Output } from '../src/io/output.js';
import { escapeHtml, noticeHtml } from '../src/io/views/dividend-notice.js';

describe('notice page', () => {
  it('escapes every value', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = noticeHtml({
      title: '公示<script>',
      figures: [['利润 & 分配', '1,000.00']],
      columns: [{ label: '姓名' }, { label: '金额', numeric: true }],
      rows: [['<b>张三</b>', '1.00']],
      footer: ['合计', '1.00'],
      notes: ['"注"'],
      lang: 'zh',
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;b&gt;张三&lt;/b&gt;');
    expect(html).toContain('利润 &amp; 分配');
    expect(html).toContain('&quot;注&quot;');
    expect(html).toContain('<td class="num">1.00</td>');
  });
});

describe('emit: an Output with a ready page', () => {
  const table: Output = { json: { a: 1 }, sections: [{ columns: [{ key: 'a', zh: '甲', en: 'A' }], rows: [{ a: 'x' }] }] };
  const page: Output = { ...table, html: '<!DOCTYPE html><p>页</p>\n' };

  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function env() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sanzi-emit-'));
    dirs.push(dir);
    const out: Buffer[] = [];
    return { dir, out, e: { lang: 'zh' as const, cwd: dir, stdout: (c: string | Buffer) => void out.push(Buffer.from(c)), stderr: () => {} } };
  }

  it('--format html, and --out FILE.html alone, write the page as is', async () => {
    const { dir, out, e } = env();
    await emit(e, page, { format: 'html' });
    expect(Buffer.concat(out).toString('utf8')).toBe(page.html);
    await emit(e, page, { out: 'n.html' });
    expect(fs.readFileSync(path.join(dir, 'n.html'), 'utf8')).toBe(page.html);
  });

  it('an Output without a page: --format html refused, --out FILE.html still gets the table', async () => {
    const { dir, e } = env();
    await expect(emit(e, table, { format: 'html' })).rejects.toBeInstanceOf(Refusal);
    await emit(e, table, { out: 't.html' });
    expect(fs.readFileSync(path.join(dir, 't.html'), 'utf8')).toContain('│ x  │');
  });

  it('--format csv with --out FILE.html is refused when the Output has a page', async () => {
    const { e } = env();
    const r = await emit(e, page, { format: 'csv', out: 'n.html' }).catch((x: Refusal) => x.errors.map((y) => y.code));
    expect(r).toEqual(['OUT_FORMAT']);
  });
});
