/** Reads <forward> (mode, dev, managed, driver, nat, interface/pf/address pools). */
import { FORWARD_MODES } from '../model/network';
import type { Forward, ForwardInterface, ForwardMode, Nat, PciAddress, YesNo } from '../model/network';
import { canonicalIpAsLibvirt } from '../net/ip';
import type { ParseContext } from './parse-context';
import { parseUnsigned } from './parse-context';
import type { XmlElement } from './safe-parse';
import { attr, childElements } from './safe-parse';

const P = 'network/forward';
export const FORWARD_DRIVER_NAMES = ['kvm', 'vfio'] as const;

export function parseForward(ctx: ParseContext, el: XmlElement): Forward | undefined {
  const modeText = attr(el, 'mode');
  if (modeText === 'none') return readNone(ctx, el);
  let mode: ForwardMode = 'nat';
  if (modeText !== undefined) {
    if (!(FORWARD_MODES as readonly string[]).includes(modeText)) {
      return ctx.error(
        el,
        P,
        `unknown forwarding type '${modeText}' in <forward mode>; use one of: ${FORWARD_MODES.join(', ')}.`,
      );
    }
    mode = modeText as ForwardMode;
  }
  const managedText = attr(el, 'managed');
  const managed: YesNo | undefined =
    managedText === undefined ? undefined : managedText.toLowerCase() === 'yes' ? 'yes' : 'no';
  const driver = parseDriver(ctx, el);
  const nat = parseNat(ctx, el);
  const pool = parsePool(ctx, el);
  // libvirt replaces <forward dev> by the <pf>'s device, and a lone dev becomes the pool.
  const written = pool.pf.length > 0 ? undefined : attr(el, 'dev') || undefined;
  const interfaces = pool.interfaces.length > 0 || !written ? pool.interfaces : [{ dev: written }];
  const dev = written ?? interfaces[0]?.dev;
  return {
    mode,
    ...(dev !== undefined ? { dev } : {}),
    ...(managed ? { managed } : {}),
    ...(driver ? { driver } : {}),
    ...(nat ? { nat } : {}),
    interfaces,
    pf: pool.pf,
    addresses: pool.addresses,
  };
}

/**
 * libvirt 9.0 reads mode='none' as no forwarding at all (an isolated network) and writes no
 * <forward> back, so a dev or a pool on it goes; a <nat> is still refused as for other modes.
 */
function readNone(ctx: ParseContext, el: XmlElement): undefined {
  const nat = childElements(el, 'nat')[0];
  if (nat) {
    ctx.error(
      nat,
      `${P}/nat`,
      `The <nat> element can only be used when <forward> 'mode' is 'nat' in network ${ctx.networkName}.`,
    );
  }
  return undefined;
}

function parseDriver(ctx: ParseContext, el: XmlElement): { name: string } | undefined {
  const driverEl = childElements(el, 'driver')[0];
  const name = driverEl ? attr(driverEl, 'name') : undefined;
  if (!driverEl || !name) return undefined;
  if (!(FORWARD_DRIVER_NAMES as readonly string[]).includes(name)) {
    return ctx.error(
      driverEl,
      `${P}/driver`,
      `Unknown forward <driver name='${name}'/> in network ${ctx.networkName}; use 'kvm' or 'vfio'.`,
    );
  }
  return { name };
}

function parseNat(ctx: ParseContext, el: XmlElement): Nat | undefined {
  const nats = childElements(el, 'nat');
  const natEl = nats[0];
  if (!natEl) return undefined;
  if (nats.length > 1) {
    return ctx.error(
      nats[1],
      `${P}/nat`,
      `Only one <nat> element is allowed in <forward> of network ${ctx.networkName}.`,
    );
  }
  const path = `${P}/nat`;
  const addresses = childElements(natEl, 'address').map((a) => {
    const start = attr(a, 'start');
    const end = attr(a, 'end');
    if (start === undefined || end === undefined) {
      const which = start === undefined ? 'start' : 'end';
      ctx.error(
        a,
        `${path}/address`,
        `missing '${which}' attribute in <address> element in <nat> in <forward> in network ${ctx.networkName}.`,
      );
    }
    return { start: canonicalIpAsLibvirt(start ?? ''), end: canonicalIpAsLibvirt(end ?? '') };
  });
  const ports = childElements(natEl, 'port');
  const portEl = ports[0];
  let port: { start: number; end: number } | undefined;
  if (portEl) {
    const read = (which: 'start' | 'end'): number | undefined => {
      const message = `Missing or invalid '${which}' attribute in <port> in <nat> in <forward> in network ${ctx.networkName}.`;
      if (attr(portEl, which) === undefined) return ctx.error(portEl, `${path}/port`, message);
      return ctx.uint(portEl, `${path}/port`, which, message);
    };
    const start = read('start');
    const end = read('end');
    if (start !== undefined && end !== undefined) port = { start, end };
  }
  const ipv6 = ctx.yesNo(natEl, path, 'ipv6');
  if (ports.length > 1)
    ctx.error(
      ports[1],
      `${path}/port`,
      `Only one <port> element is allowed in <nat> in <forward> in network ${ctx.networkName}.`,
    );
  return { ...(ipv6 ? { ipv6 } : {}), addresses, ...(port ? { port } : {}) };
}

interface Pool {
  interfaces: ForwardInterface[];
  pf: { dev: string }[];
  addresses: PciAddress[];
}

function parsePool(ctx: ParseContext, el: XmlElement): Pool {
  const interfaces: ForwardInterface[] = [];
  for (const i of childElements(el, 'interface')) {
    const dev = attr(i, 'dev');
    if (!dev) {
      ctx.error(
        i,
        `${P}/interface`,
        `Missing required dev attribute in <forward> <interface> element of network ${ctx.networkName}.`,
      );
      continue;
    }
    const connections = parseUnsigned(attr(i, 'connections') ?? '', 10);
    interfaces.push(connections !== undefined ? { dev, connections } : { dev });
  }
  const pf: { dev: string }[] = [];
  for (const p of childElements(el, 'pf')) {
    const dev = attr(p, 'dev');
    if (!dev)
      ctx.error(
        p,
        `${P}/pf`,
        `Missing required dev attribute in <pf> element of network ${ctx.networkName}.`,
      );
    else pf.push({ dev });
  }
  const addresses = childElements(el, 'address')
    .map((a) => parsePci(ctx, a))
    .filter((a): a is PciAddress => a !== undefined);
  // libvirt 9.0 keeps the explicit pool and silently drops a <pf> listed beside it.
  const hasPool = interfaces.length > 0 || addresses.length > 0;
  return { interfaces, pf: hasPool ? [] : pf, addresses };
}

function parsePci(ctx: ParseContext, el: XmlElement): PciAddress | undefined {
  const path = `${P}/address`;
  const type = attr(el, 'type');
  if (type !== 'pci') {
    return ctx.error(
      el,
      path,
      type === undefined
        ? `No type specified for device address in network ${ctx.networkName}; use type='pci'.`
        : `unknown address type '${type}' in network ${ctx.networkName}; only type='pci' is supported.`,
    );
  }
  const fields = ['domain', 'bus', 'slot', 'function'] as const;
  const values: number[] = [];
  for (const f of fields) {
    const raw = attr(el, f);
    const v = raw === undefined ? 0 : parseUnsigned(raw, 0);
    if (v === undefined)
      return ctx.error(
        el,
        path,
        `Cannot parse <address> '${f}' attribute '${raw}' in network ${ctx.networkName}.`,
      );
    values.push(v);
  }
  const [domain, bus, slot, fn] = values as [number, number, number, number];
  return { type: 'pci', domain, bus, slot, function: fn };
}
