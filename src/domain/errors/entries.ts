// Entry controls: what a voucher entered, imported or reversed by the user may be dated, and the
// same file imported twice.
import { catalogue } from '../errors.js';

export const EntryErrors = catalogue({
  ENTRY_FUTURE_DATE: (date: string, today: string) => ({
    zh: `日期 ${date} 晚于今天（${today}）：不能记未来日期的凭证；请检查日期（年份是否写错）`,
    en: `the date ${date} is after today (${today}); a voucher cannot be dated in the future`,
  }),
  REVERSE_DATE_NEEDED: (ref: string, period: string) => ({
    zh: `原凭证 ${ref} 所在的 ${period} 已结账：请用 --date 指定冲销凭证的日期（一个未结账月份中的日期）`,
    en: `${period}, the month of ${ref}, is closed: give the reversal's date with --date (a day of an open month)`,
  }),
  FILE_IMPORTED_BEFORE: (name: string, at: string, kind: { zh: string; en: string }, earlierName: string) => ({
    zh: `文件「${name}」已于 ${at} 导入过（${kind.zh}${earlierName !== name ? `，当时的文件名「${earlierName}」` : ''}，内容完全相同）；重复导入会使数据加倍。确需再次导入请加 --again`,
    en: `the file "${name}" was imported on ${at} (${kind.en}${earlierName !== name ? `, as "${earlierName}"` : ''}, identical bytes); importing it again would double it. Add --again to import it anyway`,
  }),
});
