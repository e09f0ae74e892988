/** `vnm demo`: vnm against a sandbox host of network namespaces (see electron/sandbox/demo.ts). */
import { CliFailure } from '../context';
import type { Verb } from '../context';

export const demoVerb: Verb = {
  name: 'demo',
  summary: 'run vnm against a sandbox host made of network namespaces (root)',
  args: {
    positionals: [],
    required: 0,
    options: ['shell', 'port'],
    flags: ['no-open', 'no-ui', 'no-reaper', 'help'],
  },
  async run(_ctx, a) {
    const argv = [...a.flags].map((f) => `--${f}`);
    for (const o of ['shell', 'port'] as const)
      if (a.values[o] !== undefined) argv.push(`--${o}=${a.values[o]}`);
    // Loaded only for this verb: every other `vnm` call starts without the sandbox's code.
    const { runDemo } = await import('../../sandbox/demo');
    const code = await runDemo(argv);
    if (code !== 0) throw new CliFailure(['the demo ended with an error (see above)']);
  },
};
