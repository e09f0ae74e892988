/**
 * `vnm proxy [--ro] [--socket PATH]`: what a vnm+ssh:// connection runs on the remote host
 * (libvirt's virt-ssh-helper). Connects to the local vnmd, prints the handshake line, then
 * pipes stdin to the socket and the socket to stdout until either side closes. A failure is
 * one `error:` line and an exit status the client tells apart (electron/wire/proxy.ts).
 * No shell and no RPC parsing: bytes pass as they are.
 */
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { accessFacts, connectErrorMessage } from '../../client/connect-error';
import { DEFAULT_RO_SOCKET, DEFAULT_SOCKET } from '../../wire/sockets';
import { PROXY_EXIT_DENIED, PROXY_EXIT_NO_VNMD, PROXY_HANDSHAKE } from '../../wire/proxy';
import { CliFailure } from '../context';
import type { Verb } from '../context';

function exitFor(code: string): number {
  if (code === 'ENOENT' || code === 'ECONNREFUSED') return PROXY_EXIT_NO_VNMD;
  if (code === 'EACCES' || code === 'EPERM') return PROXY_EXIT_DENIED;
  return 1;
}

function connect(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      const code = (err as NodeJS.ErrnoException).code ?? err.message;
      reject(new CliFailure([connectErrorMessage(accessFacts(code, path))], exitFor(code)));
    });
  });
}

/** Pipes both ways; resolves once the socket is closed (by vnmd, or after stdin ended). */
function pipeBoth(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.on('error', () => socket.destroy());
    process.stdout.on('error', () => socket.destroy());
    socket.pipe(process.stdout, { end: false });
    process.stdin.pipe(socket);
    process.stdin.once('close', () => socket.end());
  });
}

export const proxyVerb: Verb = {
  name: 'proxy',
  summary: 'pipe standard input and output to vnmd (what vnm+ssh:// runs on the remote host)',
  args: { positionals: [], required: 0, options: ['socket'], flags: ['ro'] },
  doc: {
    help: 'pipe standard input and output to vnmd',
    desc: 'Connects to vnmd (the read-write socket, or the read-only one with --ro) and passes bytes between it and standard input and output: what a vnm+ssh:// connection from another host runs here.',
    options: [
      { name: 'ro', type: 'bool', help: 'use the read-only socket' },
      { name: 'socket', type: 'string', help: 'the socket to connect to (default /run/vnm/vnmd.sock)' },
    ],
  },
  rawOutput: () => true,
  async run(_ctx, a) {
    const path = a.values.socket ?? (a.flags.has('ro') ? DEFAULT_RO_SOCKET : DEFAULT_SOCKET);
    const socket = await connect(path);
    process.stdout.write(`${PROXY_HANDSHAKE}\n`);
    await pipeBoth(socket);
  },
};
