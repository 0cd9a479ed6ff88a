// The resource register (资源台账).
import { catalogue } from '../errors.js';

export const ResourceErrors = catalogue({
  RESOURCE_EXISTS: (code: string) => ({ zh: `资源编码「${code}」已登记`, en: `resource "${code}" is already registered` }),
  RESOURCE_DUPLICATE: (code: string) => ({
    zh: `资源编码「${code}」在本文件中重复`,
    en: `resource code "${code}" appears twice in the file`,
  }),
});
