/** net-event: waits for network events and prints them as virsh does. */
import { EVENT_TYPES } from '../../../shared/rpc/contract';
import type { VnmEvent } from '../../../shared/rpc/contract';
import type { Verb } from '../context';
import { CliFailure } from '../context';
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

export const eventVerb: Verb = {
  name: 'net-event',
  summary: 'print network events (one, or all with --loop; --event TYPE)',
  args: { positionals: ['network'], required: 0, flags: ['loop'], options: ['timeout', 'event'] },
  async run(ctx, a) {
    const type = a.values.event ?? 'lifecycle';
    if (!isEventType(type))
      throw new CliFailure([`unknown event type '${type}': give one of ${EVENT_TYPES.join(', ')}`]);
    const timeout = a.values.timeout === undefined ? null : Number(a.values.timeout);
    if (timeout !== null && !(timeout > 0))
      throw new CliFailure([`timeout '${a.values.timeout}' must be a positive number of seconds`]);
    const network = a.values.network;
    const client = await ctx.client();
    let count = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = timeout === null ? null : setTimeout(resolve, timeout * 1000);
      const stop = () => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      process.once('SIGINT', stop);
      client.onClose((reason) =>
        count > 0 && a.flags.has('loop') ? resolve() : reject(new CliFailure([reason])),
      );
      client.onEvent((e) => {
        const text = e.type === type ? describeEvent(e, network ?? null) : '';
        if (text === '') return;
        ctx.out(text);
        count++;
        if (!a.flags.has('loop')) stop();
      });
      client
        .call('events.subscribe', {
          types: [type],
          networks: network === undefined ? null : [network],
        })
        .catch(reject);
    });
    ctx.out(`events received: ${count}\n`);
  },
};
