// A field's value that does not parse (a date, an amount, a number), whichever row or option it
// came from. The field's name leads the message when the caller gives one.
import { catalogue, type Text } from '../errors.js';

const lead = (field: Text | undefined, lang: 'zh' | 'en'): string => (field ? (lang === 'zh' ? `${field.zh}：` : `${field.en}: `) : '');

export const InputErrors = catalogue({
  DATE: (reason: string, reasonEn: string, field?: Text) => ({ zh: lead(field, 'zh') + reason, en: lead(field, 'en') + reasonEn }),
  AMOUNT: (reason: string, reasonEn: string, field?: Text) => ({ zh: lead(field, 'zh') + reason, en: lead(field, 'en') + reasonEn }),
  NUMBER: (reason: string, reasonEn: string, field?: Text) => ({ zh: lead(field, 'zh') + reason, en: lead(field, 'en') + reasonEn }),
});
