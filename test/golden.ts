// Golden files: a report's exact table or CSV under test/golden/, so a layout change is a visible
// diff. UPDATE_GOLDEN=1 npm test rewrites them; review the diff before committing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = fileURLToPath(new URL('./golden', import.meta.url));

export function expectGolden(name: string, actual: string | Buffer): void {
  const file = path.join(DIR, name);
  const text = Buffer.isBuffer(actual) ? actual.toString('utf8') : actual;
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file test/golden/${name} is missing (write it with UPDATE_GOLDEN=1 npm test)`);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}
