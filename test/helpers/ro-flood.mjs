/**
 * A hostile client of vnmd's read-only socket, run by tests as an unprivileged user (setpriv),
 * so it is plain JavaScript that node runs as it is. It prints one JSON line when its work is
 * done, then holds its connections until its stdin closes (the test ends it that way).
 *
 *   node ro-flood.mjs SOCKET open N        N connections, each asks network.list once
 *   node ro-flood.mjs SOCKET slow N        N connections that send half a request line
 *   node ro-flood.mjs SOCKET idle N        N connections that send nothing at all
 *   node ro-flood.mjs SOCKET noread N [P]  N large requests, never reading, on P connections at once
 *                                          (default 1), each replaced when vnmd drops it
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

/** One silent connection; settles when vnmd closes it, with what vnmd said first. */
function idleOne() {
  return new Promise((resolve) => {
    const s = createConnection(socketPath);
    held.push(s);
    let text = '';
    s.on('data', (c) => (text += c.toString()));
    s.on('error', () => undefined);
    s.on('close', () => resolve(text));
  });
}

async function idle() {
  const texts = await Promise.all(Array.from({ length: count }, idleOne));
  const told = texts.filter((t) => t.includes('"closing"'));
  const reason = told.length ? JSON.parse(told[0].split('\n')[0]).params.reason : '';
  report({ closed: texts.length, told: told.length, reason });
}

/**
 * One connection that never reads: every other request asks for a large answer, the others
 * carry a 64 KiB id to be echoed. Writes while vnmd takes them and the total is not reached;
 * settles when the total is reached or vnmd drops it.
 */
function noreadOne(state) {
  return new Promise((resolve) => {
    const s = createConnection(socketPath);
    held.push(s);
    s.pause();
    const bigId = 'x'.repeat(64 * 1024);
    let settled = false;
    const settle = (dropped) => {
      if (settled) return;
      settled = true;
      if (dropped) state.dropped++;
      resolve();
    };
    const writeMore = () => {
      while (state.written < count && !settled) {
        const n = state.written++;
        const line =
          n % 2 ? request(bigId, 'network.list') : request(n, 'network.getXml', { network: 'big' });
        if (!s.write(line)) return;
      }
      settle(false);
    };
    s.on('connect', writeMore);
    s.on('drain', writeMore);
    s.on('error', () => settle(true));
    s.on('close', () => settle(true));
  });
}

/** N large requests, never reading, on PARALLEL connections at once; a dropped one is replaced. */
async function noread() {
  const parallel = Number(method ?? 1);
  const state = { written: 0, connections: 0, dropped: 0 };
  const worker = async () => {
    while (state.written < count) {
      state.connections++;
      await noreadOne(state);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  report(state);
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

const modes = { open, slow, idle, noread, calls };
if (!modes[mode]) {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
void modes[mode]();
