import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../wire/line-reader';
import { connectVnmd } from './client';
import type { VnmClient } from './client';

/** A stand-in vnmd: records every line it gets and answers through `reply`. */
let dir: string;
let server: Server;
let received: string[];
let bytesReceived: number;
let reply: (line: Record<string, unknown>, socket: Socket) => void;
let client: VnmClient;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-client-test-'));
  received = [];
  bytesReceived = 0;
  reply = (req, socket) => socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: req.id, result: [] })}\n`);
  server = createServer((socket) => {
    let buf = '';
    socket.on('data', (chunk: Buffer) => {
      bytesReceived += chunk.length;
      buf += chunk.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        received.push(line);
        reply(JSON.parse(line) as Record<string, unknown>, socket);
      }
    });
  });
  const path = join(dir, 'vnmd.sock');
  await new Promise<void>((r) => server.listen(path, r));
  client = await connectVnmd(path);
});

afterEach(async () => {
  client.close();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('VnmClient request size', () => {
  it('refuses a request over vnmd line limit before sending it, and keeps serving', async () => {
    const xml = 'x'.repeat(MAX_LINE_BYTES + 1);
    await expect(client.call('network.define', { xml })).rejects.toMatchObject({
      kind: 'invalid-argument',
      message: expect.stringMatching(/too large.*2\.0 MiB.*at most 2 MiB/) as unknown,
    });
    await expect(client.call('network.list', { filter: 'all' })).resolves.toEqual([]);
    expect(received.map((l) => (JSON.parse(l) as { method: string }).method)).toEqual(['network.list']);
    expect(bytesReceived).toBeLessThan(1024);
  });

  it('fails the pending calls when vnmd answers with id null (it could not read the request)', async () => {
    const error = { code: -32600, message: 'The request is larger than 2 MiB and was ignored.' };
    reply = (_req, socket) => socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: null, error })}\n`);
    await expect(client.call('network.list', { filter: 'all' })).rejects.toMatchObject({
      message: 'The request is larger than 2 MiB and was ignored.',
    });
    reply = (req, socket) => socket.write(`${JSON.stringify({ jsonrpc: '2.0', id: req.id, result: [] })}\n`);
    await expect(client.call('network.list', { filter: 'all' })).resolves.toEqual([]);
  });
});
