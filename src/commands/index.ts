// Every command group, in the order `sanzi --help` lists them.
import type { Command } from 'commander';
import type { Context } from '../cli/context.js';
import { registerSetup } from './setup.js';
import { registerVoucher } from './voucher.js';
import { registerImport } from './import.js';
import { registerPeriod } from './period.js';
import { registerReport } from './report.js';
import { registerVerify } from './verify.js';
import { registerMembers } from './members.js';
import { registerProjects } from './projects.js';
import { registerShares } from './shares.js';
import { registerContributions } from './contributions.js';
import { registerAssets } from './assets.js';
import { registerResources } from './resources.js';
import { registerContracts } from './contracts.js';
import { registerDividend } from './dividend.js';
import { registerArchive } from './archive.js';
import { registerAudit } from './audit.js';
import { registerBackup } from './backup.js';
import { registerOpening } from './opening.js';
import { registerTemplate } from './template.js';

export function registerCommands(program: Command, ctx: Context): void {
  registerSetup(program, ctx);
  registerVoucher(program, ctx);
  registerImport(program, ctx);
  registerOpening(program, ctx);
  registerTemplate(program, ctx);
  registerPeriod(program, ctx);
  registerReport(program, ctx);
  registerVerify(program, ctx);
  registerMembers(program, ctx);
  registerProjects(program, ctx);
  registerShares(program, ctx);
  registerContributions(program, ctx);
  registerAssets(program, ctx);
  registerResources(program, ctx);
  registerContracts(program, ctx);
  registerDividend(program, ctx);
  registerArchive(program, ctx);
  registerAudit(program, ctx);
  registerBackup(program, ctx);
}
