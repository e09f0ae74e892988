/**
 * Each way a vnm+ssh:// connection fails gives its own reason and message within 10 s
 * (issue 18): connectUri is called from the desktop namespace (ssh-connect-probe.ts), as the
 * app would call it, against the remote of ssh-remote.ts.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destroyAllNetns } from '../helpers/netns';
import { capture, mustRun } from '../helpers/proc';
import { createSshRemote, REMOTE_ADDRESS, type SshRemote } from '../helpers/ssh-remote';

const PROBE = resolve(import.meta.dirname, '../helpers/ssh-connect-probe.ts');
let r: SshRemote;
let fingerprint: string;

interface Probe {
  readonly ok: boolean;
  readonly reason?: string | null;
  readonly kind?: string;
  readonly message?: string;
  readonly ms: number;
}

async function probe(uri: string, timeoutMs?: number): Promise<Probe> {
  const args = ['netns', 'exec', r.desktop.name, process.execPath, '--import', 'tsx', PROBE, uri];
  const out = await capture('ip', timeoutMs ? [...args, String(timeoutMs)] : args, {
    env: { VNM_SSH_CONFIG: r.desktopConfig },
    timeoutMs: 30_000,
  });
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '{}') as Probe;
}

/** Fails with the probe's whole answer, so a wrong reason says what it was. */
function expectFailure(p: Probe, reason: string, message: RegExp): void {
  expect({ ok: p.ok, reason: p.reason, kind: p.kind }, JSON.stringify(p)).toEqual({
    ok: false,
    reason,
    kind: 'connection',
  });
  expect(p.message).toMatch(message);
  expect(p.ms).toBeLessThan(10_000);
}

beforeAll(async () => {
  r = await createSshRemote('sshf');
  const lf = await mustRun('ssh-keygen', ['-lf', join(r.dir, 'host_key.pub')]);
  fingerprint = lf.stdout.split(' ')[1]!;
}, 120_000);

afterAll(async () => {
  await r?.destroy();
  await destroyAllNetns();
});

describe('connection failures over ssh', () => {
  it('connects when all is well (the baseline for the rest)', async () => {
    expect(await probe(r.uri(r.users.member))).toMatchObject({ ok: true, networks: [] });
  });

  it('an unknown host key: refused, with its fingerprint and how to accept it', async () => {
    const p = await probe(r.uri(r.users.member, { known_hosts: r.knownHosts.empty }));
    expectFailure(
      p,
      'host-key-unknown',
      new RegExp(`not known here \\(ED25519 ${fingerprint.replaceAll('+', '\\+')}\\).*no_verify=1`),
    );
    expect(readFileSync(r.knownHosts.empty, 'utf8')).toBe('');
  });

  it('no_verify=1 accepts a new host key and remembers it', async () => {
    const kh = join(r.dir, 'kh_new');
    copyFileSync(r.knownHosts.empty, kh);
    expect(await probe(r.uri(r.users.member, { known_hosts: kh, no_verify: '1' }))).toMatchObject({
      ok: true,
    });
    expect(readFileSync(kh, 'utf8')).toContain(`${REMOTE_ADDRESS} ssh-ed25519`);
  });

  it('a changed host key: refused even with no_verify=1, with the new fingerprint', async () => {
    for (const params of [{}, { no_verify: '1' }] as Record<string, string>[]) {
      const p = await probe(r.uri(r.users.member, { known_hosts: r.knownHosts.changed, ...params }));
      expectFailure(
        p,
        'host-key-changed',
        new RegExp(
          `has CHANGED \\(it now sends ED25519 ${fingerprint.replaceAll('+', '\\+')}\\).*ssh-keygen -R`,
        ),
      );
    }
  });

  it('a key the remote does not accept: authentication failed', async () => {
    const p = await probe(r.uri(r.users.member, { keyfile: r.keys.wrong }));
    expectFailure(p, 'auth-failed', /refused the login \(.*Permission denied \(publickey\)\)/);
    const cli = await r.desktopCli(['-c', r.uri(r.users.member, { keyfile: r.keys.wrong }), 'net-list']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`^error: ${r.users.member}@${REMOTE_ADDRESS} refused the login`));
  });

  it('no vnm on the remote', async () => {
    const p = await probe(r.uri(r.users.member, { command: '/usr/local/bin/vnm-missing' }));
    expectFailure(
      p,
      'no-vnm',
      /vnm is not installed on 192\.0\.2\.2 .*was not found.*command=\/path\/to\/vnm/,
    );
  });

  it('no access to the read-write socket for a user outside its group; ro=1 works', async () => {
    const p = await probe(r.uri(r.users.outsider));
    expectFailure(
      p,
      'socket-denied',
      new RegExp(
        `permission denied on /run/vnm/vnmd\\.sock: you are not in group ${r.users.group}.*add ro=1`,
      ),
    );
    expect(await probe(r.uri(r.users.outsider, { ro: '1' }))).toMatchObject({ ok: true });
  });

  it('no vnmd behind the socket', async () => {
    const p = await probe(r.uri(r.users.member, { socket: '/run/vnm/none.sock' }));
    expectFailure(p, 'no-vnmd', /^on 192\.0\.2\.2: vnmd at \/run\/vnm\/none\.sock is not running/);
  });

  it('a host that accepts the connection and never answers: timeout', async () => {
    const silent = r.remote.spawn(process.execPath, [
      '-e',
      `require('net').createServer(() => {}).listen(2200, '${REMOTE_ADDRESS}', () => console.log('ready'))`,
    ]);
    await new Promise((res) => silent.stdout?.once('data', res));
    const p = await probe(r.uri(r.users.member).replace(REMOTE_ADDRESS, `${REMOTE_ADDRESS}:2200`), 2000);
    expectFailure(p, 'timeout', /did not finish connecting within 2 s/);
    silent.kill('SIGKILL');
  });

  it('a host nobody answers for: unreachable', async () => {
    const p = await probe(r.uri(r.users.member).replace(REMOTE_ADDRESS, '192.0.2.3'));
    expectFailure(p, 'unreachable', /cannot reach .*@192\.0\.2\.3: .*(No route to host|timed out)/);
  });

  it('sshd down: unreachable, connection refused', async () => {
    await r.stopSshd();
    const p = await probe(r.uri(r.users.member));
    expectFailure(
      p,
      'unreachable',
      /cannot reach .*: connect to host 192\.0\.2\.2 port 22: Connection refused/,
    );
  });
});
