// The notice's printable page, and how emit writes an Output that carries a ready page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Refusal } from '../src/domain/errors.js';
import { emit } from '../src/io/emit.js';
import type { Output } from '../src/io/output.js';
import { escapeHtml, outputHtml } from '../src/io/html.js';

describe('printed pages', () => {
  it('escape every value', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const html = outputHtml(
      {
        title: { zh: '公示<script>', en: 'x' },
        json: {},
        sections: [
          {
            columns: [
              { key: 'name', zh: '姓名 & 户', en: 'Name' },
              { key: 'amount', zh: '金额', en: 'Amount', kind: 'money' },
            ],
            rows: [{ name: '<b>张三</b>', amount: 100 }],
            notes: [{ zh: '"注"', en: '' }],
          },
        ],
      },
      'zh',
      '测试村<i>',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;b&gt;张三&lt;/b&gt;');
    expect(html).toContain('姓名 &amp; 户');
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

  it('an Output without a page of its own: --format html and --out FILE.html print its tables on the one stylesheet', async () => {
    const { dir, out, e } = env();
    await emit({ ...e, entity: '测试村' }, table, { format: 'html' });
    const html = Buffer.concat(out).toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<div class="entity">测试村</div>');
    expect(html).toContain('<thead><tr><th>甲</th></tr></thead>');
    expect(html).toContain('<td>x</td>');
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('"第 " counter(page) " 页 共 " counter(pages) " 页"');
    await emit(e, table, { out: 't.html' });
    expect(fs.readFileSync(path.join(dir, 't.html'), 'utf8')).toContain('<td>x</td>');
  });

  it('--format csv with --out FILE.html is refused when the Output has a page', async () => {
    const { e } = env();
    const r = await emit(e, page, { format: 'csv', out: 'n.html' }).catch((x: Refusal) => x.errors.map((y) => y.code));
    expect(r).toEqual(['OUT_FORMAT']);
  });
});
