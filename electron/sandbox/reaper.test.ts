import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeStem } from './names';
import { formatIdentity, identityOf, isRunning } from './owner';
import { startReaper } from './reaper';
import { GROUPS_FILE } from './sweep';

const started: ChildProcess[] = [];
const bases: string[] = [];
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL');
  for (const b of bases.splice(0)) rmSync(b, { recursive: true, force: true });
});

function sleeper(): ChildProcess {
  const c = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  started.push(c);
  return c;
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('the reaper', () => {
  it('waits while the owner runs, then kills its process groups and removes its folder', async () => {
    const base = mkdtempSync(join(tmpdir(), 'vnm-reaper-test-'));
    bases.push(base);
    const owner = sleeper();
    const stem = makeStem(owner.pid);
    const dir = join(base, stem);
    mkdirSync(dir);
    const ui = sleeper(); // stands for the app the demo started
    const reaper = startReaper(identityOf(owner.pid!), stem, dir);
    writeFileSync(join(dir, GROUPS_FILE), formatIdentity(reaper) + formatIdentity(identityOf(ui.pid!)));

    await new Promise((r) => setTimeout(r, 800));
    expect(isRunning(identityOf(ui.pid!))).toBe(true);
    expect(existsSync(dir)).toBe(true);

    owner.kill('SIGKILL');
    const uiGone = new Promise<string | null>((res) => ui.once('exit', (_c, sig) => res(sig)));
    // Generous deadlines: the reaper polls every 0.5 s and a loaded CI machine is slow.
    expect(await until(() => !existsSync(dir), 20_000)).toBe(true);
    expect(await uiGone).toBe('SIGKILL');
    expect(await until(() => !isRunning(reaper), 10_000)).toBe(true);
  });
});
