// Help and usage errors in Chinese under zh: headings, defaults and choices translated, CJK text
// measured as two columns so descriptions line up, commander's English suggestions translated.
import { Help, type Argument, type Command, type Option } from 'commander';
import type { Lang } from '../domain/errors.js';
import { displayWidth } from '../io/text-width.js';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

const TERMS: [RegExp, string][] = [
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
];

function terms(s: string): string {
  return TERMS.reduce((acc, [re, to]) => acc.replace(re, to), s);
}

function extra(choices: readonly string[] | undefined, def: unknown, defDesc: string | undefined, showDefault: boolean): string {
  const parts: string[] = [];
  if (choices) parts.push(`可选：${choices.join('、')}`);
  if (showDefault && def !== undefined) parts.push(`默认：${defDesc ?? String(def)}`);
  return parts.length ? `（${parts.join('；')}）` : '';
}

/** Help settings for the language: pass to program.configureHelp(). */
export function helpConfig(lang: Lang): Partial<Help> & Record<string, unknown> {
  const base: Partial<Help> & Record<string, unknown> = { showGlobalOptions: true, sortSubcommands: false, displayWidth: (s: string) => displayWidth(s) };
  if (lang === 'en') return base;
  return {
    ...base,
    styleTitle: (title: string) => TITLES[title] ?? title,
    commandUsage(this: Help, cmd: Command) {
      return terms(Help.prototype.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return terms(Help.prototype.subcommandTerm.call(this, cmd));
    },
    optionDescription(option: Option) {
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      const e = extra(option.argChoices, option.defaultValue, option.defaultValueDescription, showDefault && option.defaultValue !== undefined);
      return (option.description ?? '') + e;
    },
    argumentDescription(argument: Argument) {
      const e = extra(argument.argChoices, argument.defaultValue, argument.defaultValueDescription, argument.defaultValue !== undefined);
      return (argument.description ?? '') + e;
    },
  };
}

const ERROR_WORDS: [RegExp, string][] = [
  [/^error: unknown option '([^']+)'/m, '用法错误：不认识的选项「$1」'],
  [/^error: unknown command '([^']+)'/m, '用法错误：不认识的命令「$1」'],
  [/^error: missing required argument '([^']+)'/m, '用法错误：缺少参数「$1」'],
  [/^error: required option '([^']+)' not specified/m, '用法错误：缺少必需的选项「$1」'],
  [/^error: option '([^']+)' argument missing/m, '用法错误：选项「$1」缺少取值'],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/m, '用法错误：选项「$1」的取值「$2」无效，可选：$3'],
  [/^error: too many arguments.*$/m, '用法错误：参数过多'],
  [/^error: /m, '用法错误：'],
  [/\(Did you mean one of ([^?]+)\?\)/g, '（是不是要用其中之一：$1？）'],
  [/\(Did you mean ([^?]+)\?\)/g, '（是不是要用 $1？）'],
  [/display help for command/g, '显示帮助'],
  [/\(run with --help for usage\)|\(use --help for usage\)/g, '（用 --help 查看用法）'],
];

export function translateUsageError(s: string, lang: Lang): string {
  if (lang === 'en') return s;
  return ERROR_WORDS.reduce((acc, [re, to]) => acc.replace(re, to), s);
}
