/** Entry of out/sandbox/demo.mjs (run by scripts/demo.mjs): the demo, with errors said in one line. */
import { runDemo } from './demo';

try {
  const code = await runDemo(process.argv.slice(2));
  process.stdout.write('', () => process.exit(code));
} catch (err) {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
