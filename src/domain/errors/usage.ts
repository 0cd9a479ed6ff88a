// Values given on the command line.
import { catalogue } from '../errors.js';

export const UsageErrors = catalogue({
  OPTION_VALUE: (opt: string, reason: string, reasonEn: string, optEn: string = opt) => ({ zh: `${opt}：${reason}`, en: `${optEn}: ${reasonEn}` }),
  RATE_TOO_HIGH: (opt: string, max: number) => ({ zh: `${opt}：比率不能超过 ${max}%`, en: `${opt}: a rate may not exceed ${max}%` }),
  NOT_A_WHOLE_NUMBER: (opt: string, value: string) => ({
    zh: `${opt}：应为非负整数：「${value}」`,
    en: `${opt}: expected a whole number: "${value}"`,
  }),
  REASON_REQUIRED: (opt: string) => ({ zh: `须写明原因（${opt}），原因会记录在案`, en: `a reason is required (${opt}); it is recorded` }),
  /** Options that cannot go together, or an option the request does not take (exit 2). */
  USAGE: (zh: string, en: string) => ({ zh, en }),
  SHEET_NOT_WORKBOOK: (file: string) => ({
    zh: `--sheet 只用于 Excel 工作簿（.xlsx），「${file}」是文本（CSV）文件，没有工作表；去掉 --sheet 再导入`,
    en: `--sheet names a sheet of an Excel workbook (.xlsx); "${file}" is a text (CSV) file without sheets; import it without --sheet`,
  }),
  IMPORT_KIND: (kind: string, kinds: string) => ({
    zh: `不认识的导入类型「${kind}」，可选：${kinds}`,
    en: `unknown import kind "${kind}"; one of: ${kinds}`,
  }),
});
