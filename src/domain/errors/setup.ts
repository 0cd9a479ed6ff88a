// Creating a ledger.
import { catalogue } from '../errors.js';

export const SetupErrors = catalogue({
  INIT_NAME: () => ({ zh: '名称不能为空', en: 'the name is empty' }),
});
