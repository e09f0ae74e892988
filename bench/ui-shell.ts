/** The browser shell against an existing vnmd (VNM_BENCH_CONNECT), for bench/ui.bench.ts. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export function startBrowserShell(
  root: string,
  connect: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [resolve(root, 'scripts/start.mjs'), '--shell=browser', '--no-open', '--connect', connect],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((res, rej) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^vnm UI: (\S+)$/m.exec(out);
      if (m?.[1]) res({ url: m[1], stop });
    });
    child.once('exit', (code) => rej(new Error(`browser shell exited (${code}): ${out}`)));
  });
}
