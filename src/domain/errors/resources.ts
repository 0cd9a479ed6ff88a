// The resource register (资源台账).
import { catalogue } from '../errors.js';

export const ResourceErrors = catalogue({
  RESOURCE_EXISTS: (code: string) => ({ zh: `资源编码「${code}」已登记`, en: `resource "${code}" is already registered` }),
  RESOURCE_DUPLICATE: (code: string) => ({
    zh: `资源编码「${code}」在本文件中重复`,
    en: `resource code "${code}" appears twice in the file`,
  }),
  RESOURCE_UNKNOWN: (code: string) => ({
    zh: `资源「${code}」未登记（sanzi resource list 查看资源台账）`,
    en: `resource "${code}" is not registered (see sanzi resource list)`,
  }),
  RESOURCE_STATUS_SAME: (code: string, status: string, date: string) => ({
    zh: `资源「${code}」在 ${date} 的使用状态已经是「${status}」`,
    en: `resource "${code}" is already "${status}" on ${date}`,
  }),
  RESOURCE_STATUS_ORDER: (code: string, date: string, last: string, status: string) => ({
    zh: `资源「${code}」已有 ${last} 起为「${status}」的记录，不能记在它之前的 ${date}：使用状态的变动按日期先后登记`,
    en: `resource "${code}" is recorded as "${status}" from ${last}; a change cannot be dated before it (${date})`,
  }),
  RESOURCE_STATUS_UNDER_CONTRACT: (code: string, status: string, date: string, contracts: string) => ({
    zh: `资源「${code}」在 ${date} 仍由合同 ${contracts} 使用，使用状态不能是「${status}」；合同提前结束的先用 sanzi contract end 合同编号 --date 最后一天 --reason 原因 登记`,
    en: `resource "${code}" is still used by contract ${contracts} on ${date} and cannot be "${status}"; a contract ended early is recorded first with sanzi contract end CODE --date LAST_DAY --reason TEXT`,
  }),
  RESOURCE_STATUS_CLOSED: (code: string, date: string, lastClosed: string) => ({
    zh: `资源「${code}」自 ${date} 起的使用状态会改变已结账月份的台账（已结账至 ${lastClosed}）：已结账期间的台账按结账时的样子留存，变动请记在 ${lastClosed} 以后`,
    en: `a change of resource "${code}" from ${date} would change the registers of closed months (closed through ${lastClosed}); date it after ${lastClosed}`,
  }),
  RESOURCE_STATUS_NONE: (code: string) => ({
    zh: `资源「${code}」没有可以撤销的使用状态变动（登记时的状态不是变动；sanzi resource list 查看）`,
    en: `resource "${code}" has no change of status to cancel (the status it was registered with is not one)`,
  }),
  RESOURCE_STATUS_FUTURE: (date: string, today: string) => ({
    zh: `日期 ${date} 晚于今天（${today}）：使用状态的变动登记已经发生的`,
    en: `the date ${date} is after today (${today}): record a change of status once it has happened`,
  }),
});
