// Reports: the months or dates a report covers.
import { catalogue } from '../errors.js';
import type { Period } from '../dates.js';

export const ReportErrors = catalogue({
  RANGE: (from: Period, to: Period) => ({
    zh: `起始月份 --from ${from} 晚于截止月份 --to ${to}；请把 --from 改为不晚于 ${to} 的月份`,
    en: `--from ${from} is after --to ${to}; give a --from no later than ${to}`,
  }),
});
