/**
 * A hostile client of vnmd's read-only socket, run by tests as an unprivileged user (setpriv),
 * so it is plain JavaScript that node runs as it is. It prints one JSON line when its work is
 * done, then holds its connections until its stdin closes (the test ends it that way).
 *
 *   node ro-flood.mjs SOCKET open N        N connections, each asks network.list once
 *   node ro-flood.mjs SOCKET slow N        N connections that send half a request line
 *   node ro-flood.mjs SOCKET noread N      N large requests on one connection, never reading
 *   node ro-flood.mjs SOCKET calls N METHOD  N calls of METHOD, 100 at a time
 */
import { createConnection } from 'node:net';

const [socketPath, mode, countText, method] = process.argv.slice(2);
const count = Number(countText);
const held = [];

function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    for (const s of held) s.destroy();
    process.exit(0);
  });
}

const request = (id, m, params = {}) => `${JSON.stringify({ jsonrpc: '2.0', id, method: m, params })}\n`;

/** Opens one connection; settles as 'kept' (answered), 'refused' (a line, then closed) or 'closed'. */
function openOne() {
  return new Promise((resolve) => {
    const s = createConnection(socketPath);
    held.push(s);
    let text = '';
    s.on('data', (c) => {
      text += c.toString();
      if (text.includes('"result"')) resolve({ outcome: 'kept' });
    });
    s.on('connect', () => s.write(request(0, 'network.list')));
    s.on('error', (e) => resolve({ outcome: 'failed', text: e.code ?? e.message }));
    s.on('close', () => resolve({ outcome: text ? 'refused' : 'closed', text }));
  });
}

async function open() {
  const tally = { kept: 0, refused: 0, closed: 0, failed: 0, refusal: '', failure: '' };
  const batch = 200;
  for (let i = 0; i < count; i += batch) {
    const settled = await Promise.all(Array.from({ length: Math.min(batch, count - i) }, openOne));
    for (const r of settled) {
      tally[r.outcome]++;
      if (r.outcome === 'refused' && !tally.refusal) tally.refusal = r.text.trim();
      if (r.outcome === 'failed' && !tally.failure) tally.failure = r.text;
    }
  }
  report(tally);
}

function slowOne(started) {
  return new Promise((resolve) => {
    const s = createConnection(socketPath);
    held.push(s);
    s.on('connect', () => s.write('{"jsonrpc":"2.0","id":1,"method":'));
    s.on('data', () => undefined);
    s.on('error', () => undefined);
    s.on('close', () => resolve(Date.now() - started));
  });
}

async function slow() {
  const started = Date.now();
  const times = await Promise.all(Array.from({ length: count }, () => slowOne(started)));
  report({ closed: times.length, lastClosedAfterMs: Math.max(...times) });
}

/** Every other request asks for a large answer, the others carry a 64 KiB id to be echoed. */
function noread() {
  const s = createConnection(socketPath);
  held.push(s);
  s.pause();
  let written = 0;
  let done = false;
  const finish = (dropped) => {
    if (done) return;
    done = true;
    report({ written, dropped });
  };
  const bigId = 'x'.repeat(64 * 1024);
  const writeMore = () => {
    while (written < count && !done) {
      const line =
        written % 2 ? request(bigId, 'network.list') : request(written, 'network.getXml', { network: 'big' });
      written++;
      if (!s.write(line)) return;
    }
    if (written >= count) finish(false);
  };
  s.on('connect', writeMore);
  s.on('drain', writeMore);
  s.on('error', () => finish(true));
  s.on('close', () => finish(true));
}

async function calls() {
  const s = createConnection(socketPath);
  held.push(s);
  let answered = 0;
  let errors = 0;
  let sent = 0;
  let buf = '';
  await new Promise((resolve) => s.on('connect', resolve));
  const send = () => s.write(request(++sent, method));
  await new Promise((resolve) => {
    s.on('data', (c) => {
      buf += c.toString();
      let nl;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const msg = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (msg.error) errors++;
        else answered++;
        if (sent < count) send();
        if (answered + errors >= count) resolve();
      }
    });
    s.on('close', resolve);
    for (let i = 0; i < Math.min(100, count); i++) send();
  });
  report({ answered, errors });
}

const modes = { open, slow, noread, calls };
if (!modes[mode]) {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
void modes[mode]();
