/**
 * The load for the slow-subscriber test: many running networks, each a bridge with a few
 * veth ports (so every stats event is large), and bursts of lifecycle events (define and
 * undefine of an isolated network with no address, the cheapest change vnmd makes).
 */
import type { VnmClient } from '../../electron/client/client';
import type { TestNetns } from './netns';

/** Starts `count` isolated networks `fl0..`, bridge `vnmfl<i>`, each with `ports` veth ports. */
export async function runningNetworks(
  client: VnmClient,
  ns: TestNetns,
  count: number,
  ports: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await client.call('network.create', {
      xml: `<network><name>fl${i}</name><bridge name='vnmfl${i}' stp='off'/></network>`,
    });
  }
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < ports; j++) {
      lines.push(`link add vf${i}p${j} type veth peer name vf${i}q${j}`);
      lines.push(`link set vf${i}p${j} master vnmfl${i} up`, `link set vf${i}q${j} up`);
    }
  }
  await ns.exec('ip', ['-batch', '-'], { input: `${lines.join('\n')}\n` });
}

/** Defines then undefines networks `<prefix>0..`: two lifecycle events each, in this order. */
export async function lifecycleBurst(client: VnmClient, prefix: string, networks: number): Promise<string[]> {
  const events: string[] = [];
  for (let i = 0; i < networks; i++) {
    const network = `${prefix}${i}`;
    await client.call('network.define', { xml: `<network><name>${network}</name></network>` });
    await client.call('network.undefine', { network });
    events.push(`defined ${network}`, `undefined ${network}`);
  }
  return events;
}

/** Resolves once `done()` is true, polling; rejects with `what` after timeoutMs. */
export async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
