/**
 * `npm run virsh:record` (as root, Debian 12): runs the side-by-side plan against libvirt 9.0
 * in confined namespaces (record-libvirt.sh) and writes what virsh printed, normalised, to
 * libvirt-9.0.json, the fixture the integration test compares vnm with. Slow (libvirt's
 * packages may be installed first), so it is run by hand when the plan changes, not in CI.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE, type Fixture } from './fixture';
import { normalise, type Outcome } from './normalise';
import { argsIn, FILES, STEPS } from './plan';

function planLine(step: (typeof STEPS)[number], dir: string): string {
  if ('args' in step) return [step.id, 'run', ...argsIn(step, dir)].join('\t');
  if ('guest' in step)
    return [step.id, 'guest', step.guest.bridge, step.guest.mac, step.guest.hostname].join('\t');
  return [step.id, 'wait', step.waitLease.network, step.waitLease.mac].join('\t');
}

function main(): void {
  const base = mkdtempSync(join(tmpdir(), 'vnm-sbs-record-'));
  try {
    const dir = join(base, 'files');
    const out = join(base, 'out');
    mkdirSync(dir);
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    const plan = join(base, 'plan.tsv');
    writeFileSync(plan, STEPS.map((s) => `${planLine(s, dir)}\n`).join(''));
    const script = join(import.meta.dirname, 'record-libvirt.sh');
    const r = spawnSync('bash', [script, plan, out], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(r.stdout);
    if (r.status !== 0) throw new Error(`record-libvirt.sh failed with status ${r.status}`);
    const outcomes: Record<string, Outcome> = {};
    for (const step of STEPS) {
      if (!('args' in step)) continue;
      const read = (ext: string) => readFileSync(join(out, `${step.id}.${ext}`), 'utf8');
      outcomes[step.id] = normalise(
        { stdout: read('stdout'), stderr: read('stderr'), status: Number(read('status')) },
        dir,
      );
    }
    const version = /virsh=(\S+)/.exec(r.stdout)?.[1] ?? 'unknown';
    const fixture: Fixture = { virsh: version, recorded: new Date().toISOString().slice(0, 10), outcomes };
    writeFileSync(FIXTURE, `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`wrote ${Object.keys(outcomes).length} outcomes of virsh ${version} to ${FIXTURE}`);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

main();
