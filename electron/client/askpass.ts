/**
 * ssh's SSH_ASKPASS, relayed to this process: ssh runs a small script of ours for each
 * password, passphrase or host-key question; the script passes the prompt over a private UNIX
 * socket (0600, in a 0700 folder removed on close) to `ask` and prints the answer for ssh.
 * Answers are never stored; a cancelled question (null) makes the script fail, as ssh expects.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Ask = (prompt: string) => Promise<string | null>;

export interface AskpassRelay {
  /** What ssh's environment needs: SSH_ASKPASS, SSH_ASKPASS_REQUIRE. */
  readonly env: Readonly<Record<string, string>>;
  /** Called when a question opens (true) and when it is answered (false): time spent waiting for a person. */
  onWaiting(fn: (waiting: boolean) => void): void;
  close(): void;
}

// Runs under Node (or Electron as Node). Plain CommonJS, no dependencies, no shell.
const CLIENT = `const net = require('net');
const s = net.createConnection(process.env.VNM_ASKPASS_SOCKET);
let buf = '';
s.on('connect', () => s.write(JSON.stringify({ prompt: process.argv[2] || '' }) + '\\n'));
s.on('data', (c) => (buf += c));
s.on('end', () => {
  let r = null;
  try { r = JSON.parse(buf); } catch {}
  if (!r || typeof r.answer !== 'string') process.exit(1);
  process.stdout.write(r.answer + '\\n');
});
s.on('error', () => process.exit(1));
`;

function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

export async function startAskpass(ask: Ask): Promise<AskpassRelay> {
  const dir = mkdtempSync(join(tmpdir(), 'vnm-askpass-'));
  chmodSync(dir, 0o700);
  const socket = join(dir, 'ask.sock');
  const js = join(dir, 'askpass.cjs');
  const script = join(dir, 'askpass');
  writeFileSync(js, CLIENT, { mode: 0o600 });
  // ssh runs SSH_ASKPASS directly (no arguments of ours), so the script carries the paths.
  writeFileSync(
    script,
    `#!/bin/sh\nELECTRON_RUN_AS_NODE=1 VNM_ASKPASS_SOCKET=${shQuote(socket)} exec ${shQuote(process.execPath)} ${shQuote(js)} "$@"\n`,
    { mode: 0o700 },
  );
  let waiting: (w: boolean) => void = () => undefined;
  let queue = Promise.resolve();
  const server: Server = createServer((conn) => {
    let buf = '';
    conn.on('error', () => undefined);
    conn.on('data', (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      let prompt: unknown;
      try {
        prompt = (JSON.parse(buf.slice(0, nl)) as { prompt?: unknown }).prompt;
      } catch {
        prompt = undefined;
      }
      if (typeof prompt !== 'string') {
        conn.destroy();
        return;
      }
      // One question at a time, in the order ssh asks them.
      queue = queue.then(async () => {
        waiting(true);
        const answer = await Promise.resolve()
          .then(() => ask(prompt))
          .catch(() => null);
        waiting(false);
        conn.end(answer === null ? '{}' : JSON.stringify({ answer }));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, resolve);
  });
  chmodSync(socket, 0o600);
  return {
    env: { SSH_ASKPASS: script, SSH_ASKPASS_REQUIRE: 'force' },
    onWaiting(fn) {
      waiting = fn;
    },
    close() {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
