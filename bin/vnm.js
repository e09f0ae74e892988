#!/usr/bin/env node
// The `vnm` command: runs the bundled CLI from out/ (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/cli/vnm.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('error: vnm is not built yet; run `npm run build` in the vnm checkout first\n');
  process.exit(1);
}
await import(cli);
