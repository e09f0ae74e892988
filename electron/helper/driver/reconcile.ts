/**
 * What vnmd does when it starts: load the stored definitions, adopt networks a previous vnmd
 * left running (no outage: bridge, rules and dnsmasq stay), clean up half-started ones, and
 * start the autostart networks.
 */
import { linkNames } from './proc-net';
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
  const record = status.created.dnsmasq;
  if (record && (await ctx.dnsmasq.find(record, status.name)) !== record.pid) {
    // The watchdog restarts it; the bridge and rules kept serving meanwhile.
    entry.problem = 'dnsmasq was not running when vnmd started; restarting it';
  }
  ctx.log(`adopted running network ${status.name}`);
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
