/**
 * The vnmd RPC contract: every method's params, result and permission, declared once.
 * vnmd validates params with these schemas before dispatch; clients validate results.
 * Objects are strict: an unknown field is an error that names it.
 *
 * Written with zod/mini, not classic zod: every `vnm` process loads this contract, and mini
 * loads and builds it in a third of the time (issue 17: the CLI's own cost). Error messages
 * need a locale: vnmd and the main process set English (`useEnglishMessages`).
 *
 * Traffic counters (see `Counters`): the bridge's own counters are traffic to and from
 * the host (NATed or routed traffic, DHCP, DNS); each port counts its guest's traffic,
 * guest-to-guest included, with rx = what the guest sent; the network total is the sum
 * over its ports.
 */
import * as z from 'zod/mini';
import { FORWARD_PROTOCOLS } from '../model/port-forward';

/** A network is named by its name or its UUID, as virsh accepts either. */
const NetworkRef = z.strictObject({ network: z.string().check(z.minLength(1), z.maxLength(4096)) });

export const NetworkState = z.enum(['active', 'inactive']);

export const NetworkSummary = z.strictObject({
  name: z.string(),
  uuid: z.string(),
  active: z.boolean(),
  persistent: z.boolean(),
  autostart: z.boolean(),
  /** 'ovn' for an OVN network; else 'isolated' when there is no <forward>, else the forward mode. */
  kind: z.string(),
  bridge: z.nullable(z.string()),
  /** Set while running when something is wrong (dnsmasq died and is being restarted...). */
  problem: z.nullable(z.string()),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const NetworkInfo = z.extend(NetworkSummary, {
  /** IPv4/IPv6 networks in CIDR form, in definition order. */
  subnets: z.array(z.string()),
  dnsmasqPid: z.nullable(z.number()),
  /** Guest ports attached to the bridge right now. */
  connections: z.number(),
});
export type NetworkInfo = z.infer<typeof NetworkInfo>;

export const Lease = z.strictObject({
  network: z.string(),
  /** Epoch seconds; 0 for an infinite lease. */
  expiry: z.number(),
  mac: z.nullable(z.string()),
  protocol: z.enum(['ipv4', 'ipv6']),
  /** Address with prefix, as virsh prints it: 192.168.122.50/24. */
  ipPrefix: z.string(),
  ip: z.string(),
  hostname: z.nullable(z.string()),
  clientId: z.nullable(z.string()),
  /** OVN networks only: the host (chassis hostname) where the guest holding it runs. */
  host: z.optional(z.string()),
});
export type Lease = z.infer<typeof Lease>;

/** An interface's counters as the kernel keeps them (rates are the reader's to work out). */
const RAW_COUNTERS = {
  rxBytes: z.number(),
  txBytes: z.number(),
  rxPackets: z.number(),
  txPackets: z.number(),
  rxErrors: z.number(),
  txErrors: z.number(),
  rxDropped: z.number(),
  txDropped: z.number(),
};

export const Counters = z.strictObject({
  name: z.string(),
  ...RAW_COUNTERS,
  rxBytesPerSec: z.number(),
  txBytesPerSec: z.number(),
});
export type Counters = z.infer<typeof Counters>;

export const PortCounters = z.extend(Counters, {
  mac: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  hostname: z.nullable(z.string()),
  /** OVN networks only: the host (chassis hostname) whose OVS counts this port. */
  host: z.optional(z.string()),
});
export type PortCounters = z.infer<typeof PortCounters>;

export const StatsSample = z.strictObject({
  network: z.string(),
  /** Epoch milliseconds. */
  time: z.number(),
  /** Seconds between samples. */
  interval: z.number(),
  bridge: Counters,
  ports: z.array(PortCounters),
  total: Counters,
});
export type StatsSample = z.infer<typeof StatsSample>;

export const HostInterface = z.strictObject({
  name: z.string(),
  type: z.string(),
  mac: z.nullable(z.string()),
  state: z.string(),
  addresses: z.array(z.string()),
  mtu: z.number(),
  /** The bridge this interface is a port of, if any. */
  master: z.nullable(z.string()),
});
export type HostInterface = z.infer<typeof HostInterface>;

export const HostInfo = z.strictObject({
  hostname: z.string(),
  kernel: z.string(),
  vnmdVersion: z.string(),
  dnsmasqVersion: z.nullable(z.string()),
  nftVersion: z.nullable(z.string()),
  firewallBackend: z.string(),
  ipv4Forwarding: z.boolean(),
  ipv6Forwarding: z.boolean(),
  statsInterval: z.number(),
});
export type HostInfo = z.infer<typeof HostInfo>;

/** This host as an OVN chassis (issue 19): what runs, its settings, and what is missing. */
export const OvnHostFacts = z.strictObject({
  /** Everything an OVN network needs here is present and the northbound database answers. */
  ready: z.boolean(),
  /** What is wrong, each with what to do; empty when ready. */
  problems: z.array(z.string()),
  missingPackages: z.array(z.string()),
  ovsVswitchdPid: z.nullable(z.number()),
  ovnControllerPid: z.nullable(z.number()),
  systemId: z.nullable(z.string()),
  ovnRemote: z.nullable(z.string()),
  encapType: z.nullable(z.string()),
  encapIp: z.nullable(z.string()),
  bridgeMappings: z.nullable(z.string()),
  northbound: z.strictObject({
    db: z.string(),
    reachable: z.boolean(),
    error: z.nullable(z.string()),
    ms: z.number(),
  }),
});
export type OvnHostFacts = z.infer<typeof OvnHostFacts>;

/**
 * A guest port of a vnm OVN network plugged into this host's br-int, with its interface's
 * counters as read now (rates are the reader's: it divides two reads). Any chassis's vnmd
 * answers for its own guests, whichever vnmd defined the network, so a window connected to
 * several hosts shows the traffic of every guest of a network that spans them.
 */
export const OvnLocalPort = z.strictObject({
  /** The network's UUID and name, from the tags on its logical switch port. */
  networkUuid: z.string(),
  network: z.string(),
  /** The logical switch port: the guest's iface-id. */
  port: z.string(),
  /** The OVS interface on br-int (a tap or veth). */
  interface: z.string(),
  mac: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  ...RAW_COUNTERS,
});
export type OvnLocalPort = z.infer<typeof OvnLocalPort>;

export const OvnLocalPorts = z.strictObject({
  /** This chassis's hostname (the Chassis record's, as leases name it). */
  host: z.string(),
  /** Epoch milliseconds of the read. */
  time: z.number(),
  ports: z.array(OvnLocalPort),
});
export type OvnLocalPorts = z.infer<typeof OvnLocalPorts>;

export const UpdateCommand = z.enum(['add', 'add-first', 'add-last', 'delete', 'modify']);
export const UpdateSection = z.enum([
  'ip-dhcp-host',
  'ip-dhcp-range',
  'dns-host',
  'dns-txt',
  'dns-srv',
  'forward-interface',
  'portgroup',
]);

export const LifecycleEventType = z.enum([
  'defined',
  'undefined',
  'started',
  'stopped',
  'updated',
  'autostart-changed',
  'dnsmasq-died',
  'dnsmasq-restarted',
]);

export const VnmEvent = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('lifecycle'),
    seq: z.number(),
    event: LifecycleEventType,
    network: z.string(),
    detail: z.nullable(z.string()),
  }),
  z.strictObject({ type: z.literal('stats'), seq: z.number(), samples: z.array(StatsSample) }),
  z.strictObject({ type: z.literal('leases'), seq: z.number(), network: z.string() }),
  z.strictObject({ type: z.literal('interfaces'), seq: z.number() }),
  /** Sent when the findings change (a network started or stopped, a rule changed, a fix applied). */
  z.strictObject({ type: z.literal('findings'), seq: z.number(), findings: z.lazy(() => Findings) }),
]);
export type VnmEvent = z.infer<typeof VnmEvent>;
export const EVENT_TYPES = ['lifecycle', 'stats', 'leases', 'interfaces', 'findings'] as const;

/** One line of net-diagnose: what was checked, how it stands, and the command that fixes it. */
export const DiagnoseCheck = z.strictObject({
  /** Stable identifier of the check, e.g. 'bridge', 'dnsmasq', 'firewall-dhcp'. */
  id: z.string(),
  status: z.enum(['ok', 'warn', 'fail']),
  /** One sentence a person can act on. */
  summary: z.string(),
  /** The exact command that would fix it, or null. */
  fix: z.nullable(z.string()),
  /** Facts behind the verdict (tables and chains named, values read). */
  details: z.array(z.string()),
  /**
   * True when vnmd itself can apply `fix` through `network.applyFix` (its own argument array,
   * never this string), and only then does the window offer "Apply fix" with a confirmation.
   * Absent means no.
   */
  canApply: z.optional(z.boolean()),
});
export type DiagnoseCheck = z.infer<typeof DiagnoseCheck>;

/** Something on the host that breaks every network at once: said once, on the Overview. */
export const HostFinding = z.strictObject({
  /** Stable: 'ipv4-forwarding', 'ipv6-forwarding', 'default-route', 'drop-policy:FAMILY TABLE CHAIN'. */
  id: z.string(),
  status: z.enum(['warn', 'fail']),
  summary: z.string(),
  fix: z.nullable(z.string()),
});
export type HostFinding = z.infer<typeof HostFinding>;

/** A running network's worst diagnose line, for the problem line in the list and Details. */
export const NetworkProblem = z.strictObject({
  network: z.string(),
  status: z.enum(['warn', 'fail']),
  /** The id of the first failing (else warning) check of network.diagnose. */
  check: z.string(),
  summary: z.string(),
  /** How many lines of the checklist fail. */
  failed: z.int().check(z.gte(0)),
});
export type NetworkProblem = z.infer<typeof NetworkProblem>;

export const Findings = z.strictObject({
  host: z.array(HostFinding),
  /** Only running networks with a warn or fail line; a healthy network is absent. */
  networks: z.array(NetworkProblem),
  /** Epoch ms of the read these come from. */
  checkedAt: z.number(),
});
export type Findings = z.infer<typeof Findings>;

export const DiagnoseResult = z.strictObject({
  network: z.string(),
  /** In the order a person would check them. */
  checks: z.array(DiagnoseCheck),
});
export type DiagnoseResult = z.infer<typeof DiagnoseResult>;

export const ForwardProtocol = z.enum(FORWARD_PROTOCOLS);
/** Shape only: the bounds (1-65535) are checked by shared/validation/port-forward.ts with a clear message. */
const PortNumber = z.int();
const PortRangeSchema = z.strictObject({ start: PortNumber, end: PortNumber });

/** A port forward (shared/model/port-forward.ts); values are judged by forwardProblems. */
export const PortForward = z.strictObject({
  protocol: ForwardProtocol,
  hostAddress: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  hostPort: PortRangeSchema,
  guestAddress: z.string().check(z.maxLength(64)),
  guestPort: PortRangeSchema,
  description: z.optional(z.string().check(z.maxLength(16_384))),
});

/** The longest network XML vnmd takes (define, create): 1 MiB, as the CLI checks before sending. */
export const MAX_XML_CHARS = 1_048_576;

const Ok = z.strictObject({ ok: z.literal(true) });

/** The longest network port XML vnmd takes (a port is a few hundred bytes). */
export const MAX_PORT_XML_CHARS = 65_536;
/** A port is named by its UUID within its network, as virsh's net-port-* verbs do. */
const PortRef = z.extend(NetworkRef, { port: z.string().check(z.minLength(1), z.maxLength(64)) });

export const NetworkPortSummary = z.strictObject({
  uuid: z.string(),
  ownerName: z.string(),
  ownerUuid: z.string(),
  mac: z.string(),
});
export type NetworkPortSummary = z.infer<typeof NetworkPortSummary>;

/** Which part of a definition net-desc / net-metadata read or write, as libvirt's metadata types. */
export const MetadataType = z.enum(['title', 'description', 'element']);
export type MetadataType = z.infer<typeof MetadataType>;

/** --live / --config as net-update: neither means the running definition if active, else the stored one. */
const Affect = {
  live: z._default(z.boolean(), false),
  config: z._default(z.boolean(), false),
};
const MetadataUri = z.optional(z.string().check(z.minLength(1), z.maxLength(4096)));

type Permission = 'read' | 'write';
interface MethodSpec<P extends z.ZodMiniType, R extends z.ZodMiniType> {
  readonly params: P;
  readonly result: R;
  readonly permission: Permission;
  readonly doc: string;
}
const method = <P extends z.ZodMiniType, R extends z.ZodMiniType>(spec: MethodSpec<P, R>) => spec;

export const RPC_METHODS = {
  'network.list': method({
    params: z.strictObject({ filter: z._default(z.enum(['active', 'inactive', 'all']), 'active') }),
    result: z.array(NetworkSummary),
    permission: 'read',
    doc: 'Networks vnmd knows, filtered as virsh net-list [--all|--inactive].',
  }),
  'network.info': method({
    params: NetworkRef,
    result: NetworkInfo,
    permission: 'read',
    doc: 'One network: state, bridge, subnets, dnsmasq.',
  }),
  'network.getXml': method({
    params: z.extend(NetworkRef, { inactive: z._default(z.boolean(), false) }),
    result: z.strictObject({ xml: z.string() }),
    permission: 'read',
    doc: 'Live XML of a running network, or the stored definition with inactive.',
  }),
  'network.define': method({
    params: z.strictObject({
      xml: z.string().check(z.maxLength(MAX_XML_CHARS)),
      /** Refuse (conflict) instead of redefining a network of that name: no check-then-act race. */
      mustNotExist: z._default(z.boolean(), false),
    }),
    result: NetworkSummary,
    permission: 'write',
    doc: 'Define (or redefine, unless mustNotExist) a persistent network from libvirt network XML.',
  }),
  'network.create': method({
    params: z.strictObject({ xml: z.string().check(z.maxLength(MAX_XML_CHARS)) }),
    result: NetworkSummary,
    permission: 'write',
    doc: 'Create and start a transient network; it vanishes when destroyed.',
  }),
  'network.start': method({ params: NetworkRef, result: NetworkSummary, permission: 'write', doc: 'Start.' }),
  'network.destroy': method({ params: NetworkRef, result: Ok, permission: 'write', doc: 'Stop.' }),
  'network.undefine': method({
    params: NetworkRef,
    result: Ok,
    permission: 'write',
    doc: 'Remove an inactive persistent network.',
  }),
  'network.setAutostart': method({
    params: z.extend(NetworkRef, { autostart: z.boolean() }),
    result: NetworkSummary,
    permission: 'write',
    doc: 'Start this network whenever vnmd starts, or not.',
  }),
  'network.update': method({
    params: z.extend(NetworkRef, {
      command: UpdateCommand,
      section: UpdateSection,
      xml: z.string().check(z.maxLength(65_536)),
      parentIndex: z._default(z.int().check(z.gte(-1)), -1),
      live: z._default(z.boolean(), false),
      config: z._default(z.boolean(), false),
    }),
    result: Ok,
    permission: 'write',
    doc: 'virsh net-update: change one part of a network, live and/or in its definition.',
  }),
  'network.leases': method({
    params: z.extend(NetworkRef, { mac: z.optional(z.string()) }),
    result: z.array(Lease),
    permission: 'read',
    doc: 'Current DHCP leases, expired ones dropped.',
  }),
  'network.diagnose': method({
    params: z.extend(NetworkRef, { guest: z.optional(z.string().check(z.minLength(1), z.maxLength(255))) }),
    result: DiagnoseResult,
    permission: 'read',
    doc: 'A checklist of why a network or one of its guests may not work: state, bridge, dnsmasq, forwarding, foreign firewall chains, uplink.',
  }),
  'network.applyFix': method({
    params: z.extend(NetworkRef, { check: z.string().check(z.minLength(1), z.maxLength(256)) }),
    result: DiagnoseCheck,
    permission: 'write',
    doc: "Apply vnmd's own fix for one failed diagnose line (only where the line says canApply), then re-run that check and return it.",
  }),
  'network.forwards': method({
    params: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(4096)),
      inactive: z._default(z.boolean(), false),
    }),
    result: z.strictObject({ forwards: z.array(PortForward) }),
    permission: 'read',
    doc: 'Port forwards of a network: the running definition while it runs, else (or with inactive) the stored one.',
  }),
  'network.addForward': method({
    params: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(4096)),
      forward: PortForward,
      live: z._default(z.boolean(), false),
      config: z._default(z.boolean(), false),
    }),
    result: Ok,
    permission: 'write',
    doc: 'Add a port forward, live and/or in the definition (neither: live if running, else the definition), as net-update.',
  }),
  'network.removeForward': method({
    params: z.strictObject({
      name: z.string().check(z.minLength(1), z.maxLength(4096)),
      protocol: ForwardProtocol,
      hostPort: PortNumber,
      hostAddress: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      live: z._default(z.boolean(), false),
      config: z._default(z.boolean(), false),
    }),
    result: Ok,
    permission: 'write',
    doc: 'Remove the port forward with this protocol, first host port and host address.',
  }),
  'network.portList': method({
    params: NetworkRef,
    result: z.array(NetworkPortSummary),
    permission: 'read',
    doc: 'The ports of a running network, as virsh net-port-list.',
  }),
  'network.portCreate': method({
    params: z.extend(NetworkRef, { xml: z.string().check(z.maxLength(MAX_PORT_XML_CHARS)) }),
    result: z.strictObject({ uuid: z.string() }),
    permission: 'write',
    doc: 'Record a guest interface plugged into a running network from network port XML, and apply what it asks (isolation); refused with the reason when it asks what vnm cannot apply.',
  }),
  'network.portGetXml': method({
    params: PortRef,
    result: z.strictObject({ xml: z.string() }),
    permission: 'read',
    doc: "A port's XML, with what the network filled in (plug, isolation).",
  }),
  'network.portDelete': method({
    params: PortRef,
    result: Ok,
    permission: 'write',
    doc: 'Forget a port of a network.',
  }),
  'network.getMetadata': method({
    params: z.extend(NetworkRef, { type: MetadataType, uri: MetadataUri, ...Affect }),
    result: z.strictObject({ value: z.string() }),
    permission: 'read',
    doc: "The network's <title>, <description>, or the <metadata> element of a namespace URI (not-found when absent).",
  }),
  'network.setMetadata': method({
    params: z.extend(NetworkRef, {
      type: MetadataType,
      /** null removes it. */
      value: z.nullable(z.string().check(z.maxLength(MAX_PORT_XML_CHARS))),
      key: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
      uri: MetadataUri,
      ...Affect,
    }),
    result: Ok,
    permission: 'write',
    doc: "Set or remove the network's <title>, <description>, or the <metadata> element of a namespace URI, live and/or in its definition.",
  }),
  'network.statsHistory': method({
    params: z.extend(NetworkRef, { seconds: z._default(z.number().check(z.positive(), z.lte(3600)), 600) }),
    result: z.array(StatsSample),
    permission: 'read',
    doc: 'Recent samples, oldest first, so a late window can draw the past at once.',
  }),
  'host.info': method({
    params: z.strictObject({}),
    result: HostInfo,
    permission: 'read',
    doc: 'Facts about the host.',
  }),
  'host.ovn': method({
    params: z.strictObject({}),
    result: OvnHostFacts,
    permission: 'read',
    doc: "This host as an OVN chassis: ovs-vswitchd, ovn-controller, ovn-remote, encap IP, the northbound database's reachability, and what to install or set when something is missing.",
  }),
  'ovn.localPorts': method({
    params: z.strictObject({
      /** Only these networks (UUIDs); all vnm OVN networks when absent. */
      networks: z.optional(
        z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(1024)),
      ),
    }),
    result: OvnLocalPorts,
    permission: 'read',
    doc: "The guest ports of vnm OVN networks on this host's br-int with their counters, whichever vnmd defined the network.",
  }),
  'host.interfaces': method({
    params: z.strictObject({}),
    result: z.array(HostInterface),
    permission: 'read',
    doc: 'Network interfaces of the host.',
  }),
  'host.findings': method({
    params: z.strictObject({ refresh: z._default(z.boolean(), false) }),
    result: Findings,
    permission: 'read',
    doc: "Host-wide findings and each running network's worst diagnose line; refresh reads the host again instead of the last result.",
  }),
  'host.propose': method({
    params: z.strictObject({
      prefix: z._default(z.int().check(z.gte(8), z.lte(30)), 24),
      exclude: z._default(z.array(z.string()).check(z.maxLength(1024)), []),
    }),
    result: z.strictObject({ subnet: z.string(), bridge: z.string(), ipv6Subnet: z.string() }),
    permission: 'read',
    doc: 'A free private subnet (no host route, address or network overlaps) and a free bridge name.',
  }),
  'events.subscribe': method({
    params: z.strictObject({
      types: z._default(z.array(z.enum(EVENT_TYPES)), [...EVENT_TYPES]),
      networks: z._default(z.nullable(z.array(z.string())), null),
    }),
    result: Ok,
    permission: 'read',
    doc: 'Receive `event` notifications on this connection.',
  }),
  'events.unsubscribe': method({
    params: z.strictObject({}),
    result: Ok,
    permission: 'read',
    doc: 'Stop events.',
  }),
  'stats.setInterval': method({
    params: z.strictObject({ seconds: z.nullable(z.number().check(z.gte(0.5), z.lte(60))) }),
    result: Ok,
    permission: 'write',
    doc: 'Sampling interval in seconds, or null to stop sampling.',
  }),
} as const;

export type RpcMethods = typeof RPC_METHODS;
export type RpcMethodName = keyof RpcMethods;
export type RpcParams<M extends RpcMethodName> = z.input<RpcMethods[M]['params']>;
export type RpcResult<M extends RpcMethodName> = z.output<RpcMethods[M]['result']>;

export function isRpcMethodName(name: string): name is RpcMethodName {
  return Object.prototype.hasOwnProperty.call(RPC_METHODS, name);
}

/** The notification method that carries events to subscribers. */
export const EVENT_NOTIFICATION = 'event';
/**
 * The notification vnmd sends just before it closes a connection on its own (a client too slow
 * to read its events, vnmd shutting down), with params `{ reason: string }`.
 */
export const CLOSING_NOTIFICATION = 'closing';
