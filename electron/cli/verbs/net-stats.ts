/**
 * net-stats: live traffic of one running network, one sample per sampling interval, from
 * vnmd's `stats` events. `--json` prints one JSON object per line for scripts; otherwise a
 * table per sample. Ends after --count samples, on Ctrl-C, or when the network stops (exit 0).
 */
import type { VnmClient } from '../../client/client';
import type { StatsSample, VnmEvent } from '../../../shared/rpc/contract';
import { VnmError } from '../../../shared/rpc/errors';
import type { ParsedArgs } from '../args';
import type { Verb, VerbContext } from '../context';
import { arg, CliFailure, withContext } from '../context';
import { formatSampleJson, formatSampleTable, STATS_LEGEND } from '../stats-format';

export interface StatsOptions {
  readonly network: string;
  /** Seconds between samples to set in vnmd, or null to keep its interval. */
  readonly interval: number | null;
  /** Samples to print before exiting, or null for no end. */
  readonly count: number | null;
  readonly json: boolean;
}

const MIN_INTERVAL = 0.5;
const MAX_INTERVAL = 60;

/** Checks the verb's values; the messages say what a valid value is. */
export function statsOptions(a: ParsedArgs): StatsOptions {
  const { interval, count } = a.values;
  const seconds = interval === undefined ? null : Number(interval);
  if (seconds !== null && !(seconds >= MIN_INTERVAL && seconds <= MAX_INTERVAL)) {
    throw new CliFailure([
      `interval '${interval}' is not valid: give a number of seconds from ${MIN_INTERVAL} to ${MAX_INTERVAL}`,
    ]);
  }
  const n = count === undefined ? null : Number(count);
  if (n !== null && !(/^\d+$/.test(count ?? '') && Number.isSafeInteger(n) && n >= 1)) {
    throw new CliFailure([`count '${count}' is not valid: give a whole number of samples, 1 or more`]);
  }
  return { network: arg(a, 'network'), interval: seconds, count: n, json: a.flags.has('json') };
}

/** The network's name (samples carry names, a user may give a UUID); refuses one not running. */
async function activeNetworkName(client: VnmClient, ref: string): Promise<string> {
  const info = await withContext(`failed to get network '${ref}'`, ref, () =>
    client.call('network.info', { network: ref }),
  );
  if (!info.active) throw new CliFailure([`network ${info.name} is not active`]);
  return info.name;
}

/**
 * Sets vnmd's interval, or checks that sampling is on. The interval is vnmd's one setting for
 * every network and client (as virt-manager's polling preference), so a change is said aloud.
 */
async function prepareSampling(
  client: VnmClient,
  interval: number | null,
  notice: (text: string) => void,
): Promise<void> {
  const host = await withContext('Failed to read the stats interval', null, () =>
    client.call('host.info', {}),
  );
  if (interval === null) {
    if (host.statsInterval === 0) {
      throw new CliFailure(['vnmd samples no traffic now (stats are off): turn them on with --interval S']);
    }
    return;
  }
  if (interval === host.statsInterval) return;
  try {
    await client.call('stats.setInterval', { seconds: interval });
    const was = host.statsInterval === 0 ? 'off' : `every ${host.statsInterval} s`;
    notice(
      `note: vnmd now samples every ${interval} s (it was ${was}), for every network and every client, the window included\n`,
    );
  } catch (err) {
    if (err instanceof VnmError && err.kind === 'permission-denied') {
      throw new CliFailure([
        '--interval changes vnmd and is refused on the read-only socket: drop --interval, or connect to the read-write socket (without -r)',
      ]);
    }
    throw new CliFailure([
      'Failed to set the stats interval',
      err instanceof Error ? err.message : String(err),
    ]);
  }
}

/** Prints samples of `name` until done; resolves on a normal end, rejects when vnmd goes away. */
function watch(ctx: VerbContext, client: VnmClient, name: string, o: StatsOptions): Promise<void> {
  let printed = 0;
  const print = (s: StatsSample) => {
    if (o.json) ctx.out(formatSampleJson(s));
    else ctx.out(printed === 0 ? STATS_LEGEND + formatSampleTable(s) : formatSampleTable(s));
    printed++;
  };
  // In --json mode stdout carries nothing but samples, so the notice goes to stderr.
  const notice = (text: string) => (o.json ? ctx.err(text) : ctx.out(text));
  return new Promise<void>((resolve, reject) => {
    const cleanups: (() => void)[] = [];
    const finish = (err?: CliFailure) => {
      for (const c of cleanups) c();
      if (err) reject(err);
      else resolve();
    };
    const onSigint = () => finish();
    process.once('SIGINT', onSigint);
    cleanups.push(() => process.off('SIGINT', onSigint));
    cleanups.push(client.onClose((reason) => finish(new CliFailure([reason]))));
    cleanups.push(
      client.onEvent((e: VnmEvent) => {
        if (e.type === 'lifecycle' && e.network === name && stops(e.event)) {
          notice(`network ${name} stopped after ${printed} sample(s)\n`);
          finish();
        } else if (e.type === 'stats') {
          const s = e.samples.find((x) => x.network === name);
          if (s === undefined) return;
          print(s);
          if (o.count !== null && printed >= o.count) finish();
        }
      }),
    );
    subscribeThenRecheck(client, name).then(
      (active) => {
        if (!active) {
          notice(`network ${name} stopped after ${printed} sample(s)\n`);
          finish();
        }
      },
      (err: unknown) => finish(err instanceof CliFailure ? err : new CliFailure([String(err)])),
    );
  });
}

const stops = (event: string) => event === 'stopped' || event === 'undefined';

/**
 * Subscribes (stats carry every network; lifecycle only this one's), then asks once more
 * whether the network runs: a stop between the first check and the subscription sent no event.
 */
async function subscribeThenRecheck(client: VnmClient, name: string): Promise<boolean> {
  return withContext('Failed to subscribe to stats events', null, async () => {
    await client.call('events.subscribe', { types: ['stats', 'lifecycle'], networks: [name] });
    try {
      return (await client.call('network.info', { network: name })).active;
    } catch (err) {
      if (err instanceof VnmError && err.kind === 'not-found') return false; // transient, destroyed
      throw err;
    }
  });
}

export const netStatsVerb: Verb = {
  name: 'net-stats',
  summary: 'live traffic of a running network (bridge and every guest port)',
  args: { positionals: ['network'], required: 1, flags: ['json'], options: ['interval', 'count'] },
  rawOutput: (a) => a.flags.has('json'),
  async run(ctx, a) {
    const o = statsOptions(a);
    const client = await ctx.client();
    const name = await activeNetworkName(client, o.network);
    // In --json mode stdout carries nothing but samples, so the note goes to stderr.
    await prepareSampling(client, o.interval, (text) => (o.json ? ctx.err(text) : ctx.out(text)));
    await watch(ctx, client, name, o);
  },
};
