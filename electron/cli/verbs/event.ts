/** net-event: waits for network events and prints them as virsh does. */
import { EVENT_TYPES } from '../../../shared/rpc/contract';
import type { VnmEvent } from '../../../shared/rpc/contract';
import type { Verb } from '../context';
import { CliFailure } from '../context';
import type { VerbDoc } from '../help';
import { formatBitRate } from '../stats-format';

const WORDS: Record<string, string> = {
  defined: 'Defined',
  undefined: 'Undefined',
  started: 'Started',
  stopped: 'Stopped',
  updated: 'Updated',
  'autostart-changed': 'Autostart changed',
  'dnsmasq-died': 'dnsmasq died',
  'dnsmasq-restarted': 'dnsmasq restarted',
};

/** The lines an event prints; '' when it says nothing about `network` (null: about any network). */
export function describeEvent(e: VnmEvent, network: string | null): string {
  switch (e.type) {
    case 'lifecycle': {
      const detail = e.detail ? ` (${e.detail})` : '';
      return `event 'lifecycle' for network ${e.network}: ${WORDS[e.event] ?? e.event}${detail}\n`;
    }
    case 'stats':
      return e.samples
        .filter((s) => network === null || s.network === network)
        .map((s) => {
          const rates = `rx ${formatBitRate(s.total.rxBytesPerSec)}, tx ${formatBitRate(s.total.txBytesPerSec)}`;
          return `event 'stats' for network ${s.network}: ${s.ports.length} port(s), ${rates}\n`;
        })
        .join('');
    case 'leases':
      return `event 'leases' for network ${e.network}: leases changed\n`;
    case 'interfaces':
      return "event 'interfaces': host interfaces changed\n";
    case 'findings':
      return `event 'findings': ${e.findings.host.length} host finding(s), ${e.findings.networks.length} network(s) with a problem\n`;
  }
}

type EventType = (typeof EVENT_TYPES)[number];
const isEventType = (t: string): t is EventType => (EVENT_TYPES as readonly string[]).includes(t);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** virsh's --timestamp (virTimeStringNowRaw): UTC to the millisecond, '+0000'. */
export function formatTimestamp(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date} ${time}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

/** Each line of an event's text, prefixed with when it came under --timestamp. */
export function stamped(text: string, at: Date | null): string {
  if (at === null) return text;
  const prefix = `${formatTimestamp(at)}: `;
  return text.replace(/^(?=.)/gm, prefix);
}

/** --timeout as virsh reads it: a whole number of seconds, 1 or more. */
export function parseTimeout(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
    throw new CliFailure([`invalid timeout '${text}': give a whole number of seconds, 1 or more`]);
  return n;
}

/** How the wait ended: virsh's closing words before the count. */
type Ending = 'done' | 'timeout' | 'interrupt';
const ENDINGS: Record<Ending, string> = {
  done: '',
  timeout: 'event loop timed out\n',
  interrupt: 'event loop interrupted\n',
};

const DOC: VerbDoc = {
  help: 'Network Events',
  desc: 'List event types, or wait for network events to occur',
  options: [
    { name: 'network', type: 'string', help: 'filter by network name or uuid' },
    { name: 'event', type: 'string', help: 'which event type to wait for' },
    { name: 'loop', type: 'bool', help: 'loop until timeout or interrupt, rather than one-shot' },
    { name: 'timeout', type: 'number', help: 'timeout seconds' },
    { name: 'list', type: 'bool', help: 'list valid event types' },
    { name: 'timestamp', type: 'bool', help: 'show timestamp for each printed event' },
  ],
};

export const eventVerb: Verb = {
  name: 'net-event',
  summary: 'print network events (--event TYPE: one, or all with --loop; --list the types)',
  doc: DOC,
  // virsh takes its options with a value in order too: `net-event default lifecycle`.
  args: { positionals: ['network', 'event', 'timeout'], required: 0, flags: ['loop', 'list', 'timestamp'] },
  async run(ctx, a) {
    if (a.flags.has('list')) return ctx.out(EVENT_TYPES.map((t) => `${t}\n`).join(''));
    const type = a.values.event;
    if (type === undefined) throw new CliFailure(['either --list or --event <type> is required']);
    if (!isEventType(type))
      throw new CliFailure([`unknown event type ${type}`, `give one of ${EVENT_TYPES.join(', ')}`]);
    const timeout = parseTimeout(a.values.timeout);
    const network = a.values.network ?? null;
    const loop = a.flags.has('loop');
    const timestamp = a.flags.has('timestamp');
    const client = await ctx.client();
    let count = 0;
    const ending = await new Promise<Ending>((resolve, reject) => {
      const timer = timeout === null ? null : setTimeout(() => finish('timeout'), timeout * 1000);
      const onSigint = () => finish('interrupt');
      function finish(how: Ending) {
        if (timer) clearTimeout(timer);
        process.off('SIGINT', onSigint);
        resolve(how);
      }
      process.once('SIGINT', onSigint);
      client.onClose((reason) => (count > 0 && loop ? finish('done') : reject(new CliFailure([reason]))));
      client.onEvent((e) => {
        const text = e.type === type ? describeEvent(e, network) : '';
        if (text === '' || (!loop && count > 0)) return;
        ctx.out(stamped(text, timestamp ? new Date() : null));
        count++;
        if (!loop) finish('done');
      });
      client
        .call('events.subscribe', { types: [type], networks: network === null ? null : [network] })
        .catch(reject);
    });
    ctx.out(`${ENDINGS[ending]}events received: ${count}\n`);
    // virsh fails (exit 1, nothing more to say) when no event came.
    if (count === 0) throw new CliFailure([]);
  },
};
