/**
 * What vnmd does when it starts: load the stored definitions, adopt networks a previous vnmd
 * left running (no outage: bridge, rules and dnsmasq stay), clean up half-started ones,
 * finish interrupted destroys, and start the autostart networks. An adopted network is
 * checked against its definition first: what it lost while vnmd was away (rules, a link
 * gone down, an address, a dead dnsmasq) is put back, or the network reports a problem.
 */
import { firewallPlan } from './host-steps';
import type { FirewallPlan } from '../firewall';
import { repairFirewall } from '../firewall/repair';
import { repairHost } from './adopt-host';
import { networkFiles, removeNetworkFiles } from './files';
import { linkNames } from '../bridge/proc-net';
import type { StoredDefinition } from '../store/config-store';
import type { RunStatus } from '../store/status-store';
import type { DriverContext } from './context';
import type { NetworkDriver } from './driver';
import { newEntry } from './driver';
import { stopNetwork } from './stop';
import { completeDefinition } from './define';
import { formatDefinition, parseDefinition } from './xml';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function loadDefinitions(ctx: DriverContext): Promise<void> {
  for (const stored of await ctx.configStore.loadAll()) {
    try {
      await loadOne(ctx, stored);
    } catch (err) {
      ctx.log(`skipping ${ctx.configStore.xmlPath(stored.name)}: ${message(err)}`);
    }
  }
}

async function loadOne(ctx: DriverContext, stored: StoredDefinition): Promise<void> {
  const def = parseDefinition(stored.xml);
  if (def.name !== stored.name) throw new Error(`its <name> is '${def.name}', not '${stored.name}'`);
  if (def.uuid && ctx.table.byUuid(def.uuid)) throw new Error('its uuid is used by another definition');
  // A definition written by hand may lack what define fills in (uuid, bridge name, MAC):
  // fill it in now and save it, so every later start uses the same names.
  const complete = await completeDefinition(ctx.table, def);
  const filled =
    complete.uuid !== def.uuid || complete.bridge?.name !== def.bridge?.name || complete.mac !== def.mac;
  if (filled) {
    await ctx.configStore.save(complete.name, formatDefinition(complete));
    ctx.log(`filled in uuid, bridge name or MAC of network ${complete.name}`);
  }
  const entry = newEntry(complete, complete, null);
  entry.autostart = stored.autostart;
  ctx.table.set(entry);
}

/** True when what the status says is running is still there (bridge; dnsmasq checked apart). */
async function stillRunning(status: RunStatus): Promise<boolean> {
  if (!status.bridge) return true;
  return (await linkNames()).has(status.bridge);
}

async function adopt(ctx: DriverContext, status: RunStatus): Promise<void> {
  const live = parseDefinition(status.liveXml);
  const entry = ctx.table.get(status.name) ?? newEntry(live, null, status);
  entry.live = live;
  entry.status = status;
  ctx.table.set(entry);
  try {
    const { status: next, repaired } = await repairHost(ctx, status, live);
    entry.status = next;
    if (repaired.length > 0) ctx.log(`network ${status.name} had lost ${repaired.join(', ')}: put back`);
  } catch (err) {
    entry.problem = `vnmd could not restore what the network lost while vnmd was away (${message(err)}); restart the network`;
    ctx.log(`network ${status.name}: ${entry.problem}`);
  }
  ctx.log(`adopted running network ${status.name}`);
}

/** The rules of every adopted network, checked (and put back) together: they share a table. */
async function adoptFirewalls(ctx: DriverContext): Promise<void> {
  const plans: FirewallPlan[] = [];
  for (const e of ctx.table.all()) {
    const bridge = e.status?.bridge;
    const plan = e.live && bridge && e.status?.created.firewall ? firewallPlan(e.live, bridge) : null;
    if (plan) plans.push(plan);
  }
  if (plans.length === 0) return;
  const problem = (name: string, why: string) => {
    const e = ctx.table.get(name);
    if (e)
      e.problem = `its firewall rules are incomplete and could not be put back (${why}); restart the network`;
    ctx.log(`network ${name}: firewall rules incomplete and not repaired: ${why}`);
  };
  try {
    const { repaired, failed } = await repairFirewall(ctx.firewall, plans);
    for (const [name, lost] of repaired)
      ctx.log(`network ${name} had lost firewall rules (${lost.join('; ')}): put back`);
    for (const [name, why] of failed) problem(name, why);
  } catch (err) {
    for (const p of plans) problem(p.network, message(err));
  }
}

/** A destroy that a killed vnmd left half done is finished, as the user asked. */
async function finishStop(ctx: DriverContext, status: RunStatus): Promise<void> {
  ctx.log(`finishing the interrupted destroy of network ${status.name}`);
  await reportFailures(ctx, status.name, stopNetwork(status, ctx));
  if (!status.persistent) await removeNetworkFiles(networkFiles(ctx.dirs, status.name));
}

export async function adoptRunning(ctx: DriverContext): Promise<void> {
  for (const loaded of await ctx.statusStore.loadAll()) {
    const status = loaded.status;
    if (!status) {
      ctx.log(`ignoring runtime status of ${loaded.name}: ${loaded.problem}`);
      continue;
    }
    try {
      if (status.phase === 'starting') {
        ctx.log(`cleaning up half-started network ${status.name}`);
        await reportFailures(ctx, status.name, stopNetwork(status, ctx, true));
      } else if (status.phase === 'stopping') {
        await finishStop(ctx, status);
      } else if (!(await stillRunning(status))) {
        ctx.log(`network ${status.name} lost its bridge ${status.bridge} while vnmd was away; cleaning up`);
        await reportFailures(ctx, status.name, stopNetwork(status, ctx));
      } else {
        await adopt(ctx, status);
      }
    } catch (err) {
      ctx.log(`could not adopt network ${status.name}: ${message(err)}; cleaning up`);
      await reportFailures(ctx, status.name, stopNetwork(status, ctx, status.phase === 'starting'));
    }
  }
  await adoptFirewalls(ctx);
}

async function reportFailures(ctx: DriverContext, name: string, result: Promise<string[]>): Promise<void> {
  for (const f of await result) ctx.log(`cleanup of ${name}: ${f}`);
}

export async function startAutostart(ctx: DriverContext, driver: NetworkDriver): Promise<void> {
  for (const e of ctx.table.all()) {
    if (!e.autostart || !e.config || e.live) continue;
    try {
      await driver.start(e.name);
      ctx.log(`autostarted network ${e.name}`);
    } catch (err) {
      ctx.log(`autostart of network ${e.name} failed: ${message(err)}`);
    }
  }
}
