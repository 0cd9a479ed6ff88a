// Help and usage errors in Chinese under zh: headings, placeholders, defaults and choices translated,
// CJK text measured as two columns so descriptions line up and wrap inside the terminal, commander's
// English suggestions translated. Under en, commander's own English.
import { Help, type Argument, type Command, type Option } from 'commander';
import type { Lang } from '../domain/errors.js';
import { displayWidth, wrapText } from '../io/text-width.js';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/**
 * The Chinese names of the placeholders commander prints (`--db <file>`, `import <kind> <file>`).
 * A placeholder missing here is shown in English and fails test/e2e/cli-help.test.ts: add it.
 */
export const PLACEHOLDERS: Record<string, string> = {
  amount: '金额',
  basis: '口径',
  category: '类别',
  class: '股种',
  code: '编码',
  command: '命令',
  date: '日期',
  days: '工日',
  dir: '文件夹',
  encoding: '编码',
  file: '文件',
  format: '格式',
  group: '分组',
  id: '编号',
  item: '物品',
  kind: '类型',
  lang: '语言',
  last: '截止月份',
  member: '成员编号',
  method: '方法',
  month: '月份',
  mu: '亩数',
  n: '数量',
  name: '名称',
  no: '号码',
  number: '号码',
  options: '选项',
  path: '路径',
  pct: '百分比',
  phone: '电话',
  price: '单价',
  q: '数量',
  qty: '数量',
  rate: '比率',
  reason: '原因',
  ref: '凭证号',
  shares: '股数',
  sheet: '工作表',
  spec: '分录',
  status: '状态',
  text: '文字',
  unit: '单位',
  v: '作价',
  value: '值',
  year: '年度',
  years: '年数',
};

// In `<yes|no>` the word no is the answer 否, not a number.
const CHOICE_WORDS: Record<string, string> = { yes: '是', no: '否' };

/** One placeholder's inside (`file`, `yes|no`, `ref...`) in Chinese; unknown words are kept. */
function placeholderName(inner: string): string {
  const variadic = inner.endsWith('...') ? '...' : '';
  const body = variadic ? inner.slice(0, -3) : inner;
  const parts = body.split('|');
  const dict = parts.length > 1 ? { ...PLACEHOLDERS, ...CHOICE_WORDS } : PLACEHOLDERS;
  return parts.map((p) => dict[p] ?? p).join('|') + variadic;
}

/** Every `<…>` and `[…]` placeholder in a flags or usage string, in Chinese. */
export function translatePlaceholders(s: string): string {
  return s.replace(/<([^<>\s]+)>/g, (_, inner: string) => `<${placeholderName(inner)}>`).replace(/\[([^[\]\s]+)\]/g, (_, inner: string) => `[${placeholderName(inner)}]`);
}

/** Choices and default appended to a description, unless the description already says them. */
function extra(description: string, choices: readonly string[] | undefined, def: unknown, defDesc: string | undefined, showDefault: boolean, env?: string): string {
  const parts: string[] = [];
  if (choices && !choices.every((c) => description.includes(c))) parts.push(`可选：${choices.join('、')}`);
  const empty = def === undefined || def === '' || (Array.isArray(def) && def.length === 0); // a repeatable option starts empty
  if (showDefault && !empty && !description.includes('默认')) parts.push(`默认：${defDesc ?? String(def)}`);
  if (env) parts.push(`环境变量：${env}`);
  return parts.length ? `（${parts.join('；')}）` : '';
}

/** Examples shown under a command's help, in the help's language. */
const EXAMPLES = new WeakMap<Command, string[]>();

export function addExamples(cmd: Command, lines: string[]): Command {
  EXAMPLES.set(cmd, [...(EXAMPLES.get(cmd) ?? []), ...lines]);
  return cmd;
}

function examplesText(cmd: Command, lang: Lang): string {
  const lines = EXAMPLES.get(cmd);
  if (!lines?.length) return '';
  return `\n${lang === 'en' ? 'Examples:' : '示例：'}\n${lines.map((l) => '  ' + l).join('\n')}\n`;
}

/** Help settings for the language: pass to program.configureHelp(). */
export function helpConfig(lang: Lang): Partial<Help> & Record<string, unknown> {
  const base: Partial<Help> & Record<string, unknown> = {
    showGlobalOptions: true,
    sortSubcommands: false,
    displayWidth: (s: string) => displayWidth(s),
    boxWrap: (s: string, width: number) => (width < 40 ? s : wrapText(s, width)),
    formatHelp(this: Help, cmd: Command, helper: Help) {
      return Help.prototype.formatHelp.call(this, cmd, helper) + examplesText(cmd, lang);
    },
  };
  if (lang === 'en') return base;
  return {
    ...base,
    styleTitle: (title: string) => TITLES[title] ?? title,
    formatHelp(this: Help, cmd: Command, helper: Help) {
      // 用法：sanzi … (no space after a full-width colon)
      const text = Help.prototype.formatHelp.call(this, cmd, helper).replace(/^用法： /, '用法：');
      return text + examplesText(cmd, lang);
    },
    commandUsage(this: Help, cmd: Command) {
      return translatePlaceholders(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return translatePlaceholders(Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionTerm(option: Option) {
      return translatePlaceholders(option.flags);
    },
    argumentTerm(argument: Argument) {
      return placeholderName(argument.name() + (argument.variadic ? '...' : ''));
    },
    optionDescription(option: Option) {
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      const d = option.description ?? '';
      return d + extra(d, option.argChoices, option.defaultValue, option.defaultValueDescription, showDefault, option.envVar);
    },
    argumentDescription(argument: Argument) {
      const d = argument.description ?? '';
      return d + extra(d, argument.argChoices, argument.defaultValue, argument.defaultValueDescription, argument.defaultValue !== undefined);
    },
  };
}

const ERROR_WORDS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '([^']+)'/m, (_, o) => `用法错误：不认识的选项「${o}」`],
  [/^error: unknown command '([^']+)'/m, (_, c) => `用法错误：不认识的命令「${c}」`],
  [/^error: missing required argument '([^']+)'/m, (_, a) => `用法错误：缺少参数「${placeholderName(a)}」`],
  [/^error: required option '([^']+)' not specified/m, (_, o) => `用法错误：缺少必需的选项「${translatePlaceholders(o)}」`],
  [/^error: option '([^']+)' argument missing/m, (_, o) => `用法错误：选项「${translatePlaceholders(o)}」缺少取值`],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/m,
    (_, o, v, c) => `用法错误：选项「${translatePlaceholders(o)}」的取值「${v}」无效，可选：${c.split(', ').join('、')}`,
  ],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\.(.*)$/m, (_, o, v) => `用法错误：选项「${translatePlaceholders(o)}」的取值「${v}」无效`],
  [
    /^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/m,
    (_, c, e, g) => `用法错误：参数过多${c ? `：「${c}」` : '：'}需要 ${e} 个，给了 ${g} 个`,
  ],
  [/^error: /m, () => '用法错误：'],
  [/\(Did you mean one of ([^?]+)\?\)/g, (_, s) => `（是不是要用其中之一：${s.split(', ').join('、')}？）`],
  [/\(Did you mean ([^?]+)\?\)/g, (_, s) => `（是不是要用 ${s}？）`],
];

export function translateUsageError(s: string, lang: Lang): string {
  if (lang === 'en') return s;
  return ERROR_WORDS.reduce((acc, [re, to]) => acc.replace(re, (...m: string[]) => to(...m)), s);
}
