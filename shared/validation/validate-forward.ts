/** <forward> rules: NAT ranges and ports, the device pool, and what each mode allows. */
import type { Forward, NetworkDef, PciAddress } from '../model/network';
import { forwardPool, isManagedBridgeKind } from '../model/network';
import { parseIp } from '../net/ip';
import type { Findings } from './issues';
import { rangeProblem } from './range';

const P = 'network/forward';

export function validateForward(f: Findings, def: NetworkDef): void {
  const fwd = def.forward;
  if (!fwd) return;
  validateNat(f, fwd);
  validatePool(f, fwd);
  validateModeRules(f, def, fwd);
}

function validateNat(f: Findings, fwd: Forward): void {
  const nat = fwd.nat;
  const n = f.networkName;
  if (!nat) return;
  if (fwd.mode !== 'nat') {
    return f.add(
      `${P}/nat`,
      `The <nat> element can only be used when <forward> 'mode' is 'nat' in network ${n}.`,
    );
  }
  if (nat.addresses.length > 1) {
    f.add(`${P}/nat/address`, `Only one <address> element is allowed in <nat> in <forward> in network ${n}.`);
  }
  for (const a of nat.addresses.slice(0, 1)) {
    const start = parseIp(a.start);
    const end = parseIp(a.end);
    if (!start || start.kind() !== 'ipv4')
      return f.add(
        `${P}/nat/address`,
        `Bad ipv4 start address '${a.start}' in <nat> in <forward> in network '${n}'.`,
      );
    if (!end || end.kind() !== 'ipv4')
      return f.add(
        `${P}/nat/address`,
        `Bad ipv4 end address '${a.end}' in <nat> in <forward> in network '${n}'.`,
      );
    const problem = rangeProblem(start, end);
    if (problem) f.add(`${P}/nat/address`, `${problem}.`);
  }
  const port = nat.port;
  if (port && port.start > 65535) {
    f.add(
      `${P}/nat/port`,
      `Missing or invalid 'start' attribute in <port> in <nat> in <forward> in network ${n}: use a port from 0 to 65535.`,
    );
  } else if (port && (port.end > 65535 || port.end < port.start)) {
    f.add(
      `${P}/nat/port`,
      `Missing or invalid 'end' attribute in <port> in <nat> in <forward> in network ${n}: the end port ${port.end} must be from ${port.start} (the start port) to 65535.`,
    );
  }
}

function pciText(a: PciAddress): string {
  const hex = (v: number, w: number): string => v.toString(16).padStart(w, '0');
  return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.function.toString(16)}`;
}

function validatePool(f: Findings, fwd: Forward): void {
  const n = f.networkName;
  if (fwd.pf.length > 1) f.add(`${P}/pf`, `Only one <pf> element is allowed in <forward> of network ${n}.`);
  const first = fwd.interfaces[0];
  if (fwd.dev !== undefined && first && fwd.dev !== first.dev) {
    f.add(P, `<forward dev='${fwd.dev}'> must match first <interface dev='${first.dev}'/> in network ${n}.`);
  }
  const seen = new Set<string>();
  for (const i of fwd.interfaces) {
    if (seen.has(i.dev))
      f.add(`${P}/interface`, `interface '${i.dev}' can only be listed once in network ${n}.`);
    seen.add(i.dev);
  }
  const seenPci = new Set<string>();
  for (const a of fwd.addresses) {
    const limits = [
      ['domain', a.domain, 0xffff],
      ['bus', a.bus, 0xff],
      ['slot', a.slot, 0x1f],
      ['function', a.function, 7],
    ] as const;
    for (const [name, value, max] of limits) {
      if (value > max)
        f.add(
          `${P}/address`,
          `Invalid PCI address ${name}='0x${value.toString(16)}', must be <= 0x${max.toString(16)}.`,
        );
    }
    const text = pciText(a);
    if (seenPci.has(text))
      f.add(`${P}/address`, `PCI device '${text}' can only be listed once in network ${n}.`);
    seenPci.add(text);
  }
  const kinds =
    (fwd.pf.length > 0 ? 1 : 0) + (fwd.interfaces.length > 0 ? 1 : 0) + (fwd.addresses.length > 0 ? 1 : 0);
  if (kinds > 1) {
    f.add(
      P,
      `<address>, <interface>, and <pf> elements of <forward> in network ${n} are mutually exclusive: list the pool one way only.`,
    );
  }
}

function validateModeRules(f: Findings, def: NetworkDef, fwd: Forward): void {
  const n = f.networkName;
  const mode = fwd.mode;
  const pool = forwardPool(fwd);
  if (mode === 'nat' || mode === 'route' || mode === 'open') {
    if (def.ips.length === 0) {
      f.add(
        P,
        `${mode} forwarding requested, but no IP address provided for network '${n}': add an <ip> element.`,
      );
    }
    if (pool.length > 1) {
      f.add(
        P,
        `multiple forwarding interfaces specified for network '${n}', only one is supported with forward mode='${mode}'.`,
      );
    }
    if (mode === 'open' && pool.length > 0) {
      f.add(
        P,
        `forward dev not allowed for network '${n}' with forward mode='open': an open network places no restriction on where traffic goes, so remove dev.`,
      );
    }
    return;
  }
  const b = def.bridge;
  if (mode !== 'bridge') {
    if (b?.name) f.add('network/bridge', `bridge name not allowed in ${mode} mode (network '${n}').`);
    if (b?.zone) f.add('network/bridge', `bridge zone not allowed in ${mode} mode (network '${n}').`);
    if (b?.macTableManager)
      f.add('network/bridge', `bridge macTableManager setting not allowed in ${mode} mode (network '${n}').`);
  }
  if (b?.stp !== undefined || b?.delay !== undefined) {
    f.add(
      'network/bridge',
      `bridge delay/stp options only allowed in route, nat, and isolated mode, not in ${mode} (network '${n}').`,
    );
  }
  if (b?.name && (pool.length > 0 || fwd.pf.length > 0)) {
    f.add(
      P,
      `A network with forward mode='${mode}' can specify a bridge name or a forward dev, but not both (network '${n}').`,
    );
  }
  validateDevicePool(f, fwd);
}

function validateDevicePool(f: Findings, fwd: Forward): void {
  const n = f.networkName;
  const firstIf = fwd.interfaces[0];
  if (fwd.mode === 'hostdev' && firstIf) {
    f.add(
      P,
      `hostdev network '${n}' lists '${firstIf.dev}' in the device pool, but hostdev networks require all devices to be listed by PCI address, not network device name.`,
    );
  }
  if (fwd.mode !== 'hostdev' && fwd.addresses.length > 0) {
    f.add(
      P,
      `network '${n}' has forward mode '${fwd.mode}' but lists a device by PCI address in the device pool. This is only supported for networks with forward mode 'hostdev'.`,
    );
  }
}

/** Elements only a network with a vnm-managed bridge can have (libvirt's networkValidate). */
export function validateUnmanagedMode(f: Findings, def: NetworkDef): void {
  const mode = def.forward?.mode;
  if (!mode || isManagedBridgeKind(mode)) return;
  const n = f.networkName;
  const unsupported = (element: string, what: string): void =>
    f.add(
      `network/${element}`,
      `Unsupported ${what} element in network ${n} with forward mode='${mode}': remove it, only nat, route, open and isolated networks have one.`,
    );
  if (def.mac) unsupported('mac', '<mac>');
  if (def.ips.length > 0) unsupported('ip', '<ip>');
  const dns = def.dns;
  if (dns && dns.txts.length + dns.hosts.length + dns.srvs.length > 0) unsupported('dns', '<dns>');
  if (def.domain) unsupported('domain', '<domain>');
  if (def.bandwidth && !bandwidthAllowed(def)) unsupported('bandwidth', 'network-wide <bandwidth>');
}

/** Network-wide and portgroup bandwidth need a bridge vnm (or the host) runs. */
export function bandwidthAllowed(def: NetworkDef): boolean {
  const mode = def.forward?.mode;
  if (!mode || isManagedBridgeKind(mode)) return true;
  return mode === 'bridge' && !!def.bridge?.name;
}
