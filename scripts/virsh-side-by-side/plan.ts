/**
 * The side-by-side plan: the same virsh command lines, in the same order, against libvirt
 * 9.0 (recorded once into libvirt-9.0.json by `npm run virsh:record`) and against vnm (the
 * integration test). Each command's stdout, first stderr line and exit status are compared.
 * `@DIR@` in an argument is the folder holding FILES. Besides commands, a plan has guests that
 * take a DHCP lease, and waits until a lease shows: those are done, not compared.
 */

/** UUIDs and MACs the files give: kept as they are; any other one was generated. */
export const FIXED_UUIDS = [
  '5a1e0001-0000-4000-8000-000000000001',
  '5a1e0002-0000-4000-8000-000000000002',
  '5a1e0003-0000-4000-8000-000000000003',
  '5a1e0005-0000-4000-8000-000000000005',
  '5a1e0009-0000-4000-8000-000000000009',
  '5a1e0008-0000-4000-8000-000000000008',
] as const;
const [NAT_UUID, ISO_UUID, ROUTE_UUID, TRANS_UUID, GHOST_UUID] = FIXED_UUIDS;
export const GUEST_MAC = '52:54:00:5b:5b:01';
export const FIXED_MACS = ['52:54:00:5a:00:01', '52:54:00:5a:00:02', '52:54:00:5a:00:21', GUEST_MAC];

const net = (name: string, uuid: string, forward: string, bridge: string, mac: string, ip: string) =>
  `<network>
  <name>${name}</name>
  <uuid>${uuid}</uuid>
  ${forward}
  <bridge name='${bridge}' stp='off' delay='0'/>
  <mac address='${mac}'/>
  ${ip}
</network>
`;

const dhcp = (subnet: string) => `<ip address='${subnet}.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='${subnet}.10' end='${subnet}.20'/>
    </dhcp>
  </ip>`;

export const FILES: Readonly<Record<string, string>> = {
  'nat.xml': net('sbs-nat', NAT_UUID, "<forward mode='nat'/>", 'sbsbr0', FIXED_MACS[0]!, dhcp('10.213.1')),
  'iso.xml': net('sbs-iso', ISO_UUID, '', 'sbsbr1', FIXED_MACS[1]!, "<ip address='10.213.2.1' prefix='24'/>"),
  'route.xml': `<network>
  <name>sbs-route</name>
  <uuid>${ROUTE_UUID}</uuid>
  <forward mode='route'/>
  <bridge name='sbsbr2'/>
  <ip address='10.213.3.1' prefix='24'/>
</network>
`,
  // No UUID, bridge or MAC: both sides generate them (normalised before comparing).
  'gen.xml': "<network><name>sbs-gen</name><ip address='10.213.4.1' prefix='24'/></network>\n",
  'trans.xml': net(
    'sbs-trans',
    TRANS_UUID,
    "<forward mode='nat'/>",
    'sbsbr5',
    '52:54:00:5a:00:05',
    dhcp('10.213.5'),
  ),
  'bad.xml': '<network><name>sbs-bad</name>\n',
  'noname.xml': "<network><ip address='10.213.6.1' prefix='24'/></network>\n",
  // sbs-nat's name under another UUID.
  'other-uuid.xml': net(
    'sbs-nat',
    '5a1e0008-0000-4000-8000-000000000008',
    "<forward mode='nat'/>",
    'sbsbr0',
    FIXED_MACS[0]!,
    dhcp('10.213.1'),
  ),
  // sbs-nat's UUID under another name.
  'dup-uuid.xml': net(
    'sbs-dup',
    NAT_UUID,
    '',
    'sbsbr7',
    '52:54:00:5a:00:07',
    "<ip address='10.213.7.1' prefix='24'/>",
  ),
  // Well formed, but an element the schema does not know: refused only with --validate.
  'unknown.xml':
    "<network><name>sbs-unknown</name><bogus/><bridge name='sbsbr8'/><ip address='10.213.8.1' prefix='24'/></network>\n",
  'host.xml': `<host mac='${FIXED_MACS[2]}' name='h21' ip='10.213.1.21'/>\n`,
};

export type Step =
  | { readonly id: string; readonly args: readonly string[] }
  | {
      readonly id: string;
      readonly guest: { readonly bridge: string; readonly mac: string; readonly hostname: string };
    }
  | { readonly id: string; readonly waitLease: { readonly network: string; readonly mac: string } };

const HOST = `<host mac='${FIXED_MACS[2]}' name='h21' ip='10.213.1.21'/>`;

const run = (id: string, ...args: string[]): Step => ({ id, args });

export const STEPS: readonly Step[] = [
  run('list-empty', 'net-list'),
  run('list-all-empty', 'net-list', '--all'),
  run('define-nat', 'net-define', '@DIR@/nat.xml'),
  run('define-iso', 'net-define', '--file', '@DIR@/iso.xml'),
  run('define-route', 'net-define', '@DIR@/route.xml'),
  run('define-gen', 'net-define', '@DIR@/gen.xml'),
  run('list-all', 'net-list', '--all'),
  run('list-inactive', 'net-list', '--inactive'),
  run('list-all-name', 'net-list', '--all', '--name'),
  run('list-all-uuid', 'net-list', '--all', '--uuid'),
  run('info-inactive', 'net-info', 'sbs-nat'),
  run('uuid', 'net-uuid', 'sbs-nat'),
  run('name', 'net-name', NAT_UUID),
  run('name-of-a-name', 'net-name', 'sbs-nat'),
  run('dumpxml-inactive-net', 'net-dumpxml', 'sbs-nat'),
  run('dumpxml-generated', 'net-dumpxml', '--inactive', 'sbs-gen'),
  run('dumpxml-route', 'net-dumpxml', 'sbs-route'),
  run('autostart', 'net-autostart', 'sbs-nat'),
  run('list-autostart', 'net-list', '--all', '--autostart'),
  run('list-no-autostart', 'net-list', '--all', '--no-autostart', '--name'),
  run('start-nat', 'net-start', 'sbs-nat'),
  run('start-iso-by-uuid', 'net-start', ISO_UUID),
  run('redefine-running', 'net-define', '@DIR@/nat.xml'),
  run('define-name-other-uuid', 'net-define', '@DIR@/other-uuid.xml'),
  run('list-active', 'net-list'),
  run('list-persistent', 'net-list', '--all', '--persistent'),
  run('info-active', 'net-info', 'sbs-nat'),
  run('dumpxml-live-nat', 'net-dumpxml', 'sbs-nat'),
  run('dumpxml-live-nat-inactive', 'net-dumpxml', 'sbs-nat', '--inactive'),
  run('dumpxml-live-iso', 'net-dumpxml', 'sbs-iso'),
  run('xpath-attr', 'net-dumpxml', 'sbs-nat', '--xpath', '//ip/@address'),
  run('xpath-wrap', 'net-dumpxml', 'sbs-nat', '--xpath', '/network/name', '--wrap'),
  run('xpath-element', 'net-dumpxml', 'sbs-nat', '--xpath', '//dhcp'),
  run('xpath-none', 'net-dumpxml', 'sbs-nat', '--xpath', '//nothing'),
  run('leases-empty', 'net-dhcp-leases', 'sbs-nat'),
  { id: 'guest', guest: { bridge: 'sbsbr0', mac: GUEST_MAC, hostname: 'sbsguest' } },
  { id: 'wait-lease', waitLease: { network: 'sbs-nat', mac: GUEST_MAC } },
  run('leases', 'net-dhcp-leases', 'sbs-nat'),
  run('leases-mac', 'net-dhcp-leases', 'sbs-nat', '--mac', GUEST_MAC),
  run('leases-other-mac', 'net-dhcp-leases', 'sbs-nat', '--mac', '52:54:00:5b:5b:99'),
  run('update-add-live-config', 'net-update', 'sbs-nat', 'add', 'ip-dhcp-host', HOST, '--live', '--config'),
  run('update-delete-current', 'net-update', 'sbs-nat', 'delete', 'ip-dhcp-host', HOST),
  run(
    'update-add-config-file',
    'net-update',
    'sbs-nat',
    'add-last',
    'ip-dhcp-host',
    '@DIR@/host.xml',
    '--config',
  ),
  run('xpath-inactive-host', 'net-dumpxml', 'sbs-nat', '--inactive', '--xpath', '//host'),
  run('update-bad-command', 'net-update', 'sbs-nat', 'replace', 'ip-dhcp-host', HOST),
  run('update-bad-section', 'net-update', 'sbs-nat', 'add', 'bogus', HOST),
  run('create-trans', 'net-create', '@DIR@/trans.xml'),
  run('list-transient', 'net-list', '--transient'),
  run('info-transient', 'net-info', 'sbs-trans'),
  run('autostart-transient', 'net-autostart', 'sbs-trans'),
  run('undefine-transient', 'net-undefine', 'sbs-trans'),
  run('start-active', 'net-start', 'sbs-nat'),
  run('destroy-inactive', 'net-destroy', 'sbs-route'),
  run('start-unknown', 'net-start', 'sbs-ghost'),
  run('info-unknown', 'net-info', 'sbs-ghost'),
  run('dumpxml-unknown-uuid', 'net-dumpxml', GHOST_UUID),
  run('leases-unknown', 'net-dhcp-leases', 'sbs-ghost'),
  run('define-bad-xml', 'net-define', '@DIR@/bad.xml'),
  run('define-no-name', 'net-define', '@DIR@/noname.xml'),
  run('define-missing-file', 'net-define', '@DIR@/missing.xml'),
  run('define-dup-uuid', 'net-define', '@DIR@/dup-uuid.xml'),
  run('create-existing', 'net-create', '@DIR@/nat.xml'),
  run('define-validate-unknown', 'net-define', '--validate', '@DIR@/unknown.xml'),
  run('undefine-running', 'net-undefine', 'sbs-nat'),
  run('list-after-undefine', 'net-list', '--all'),
  run('info-after-undefine', 'net-info', 'sbs-nat'),
  run('destroy-now-transient', 'net-destroy', 'sbs-nat'),
  run('destroy-trans', 'net-destroy', 'sbs-trans'),
  run('destroy-iso-by-uuid', 'net-destroy', ISO_UUID),
  run('quiet-list', '-q', 'net-list', '--all'),
  run('quiet-start', '-q', 'net-start', 'sbs-route'),
  run('quiet-list-name', '-q', 'net-list', '--name'),
  run('quiet-destroy', '-q', 'net-destroy', 'sbs-route'),
  run('list-two-forms', 'net-list', '--table', '--name'),
  run('event-list', 'net-event', '--list'),
  run('event-no-type', 'net-event'),
  run('event-bad-type', 'net-event', '--event', 'bogus'),
  run('event-timeout', 'net-event', '--event', 'lifecycle', '--timeout', '1'),
  run('event-loop-timeout', 'net-event', '--event', 'lifecycle', '--loop', '--timeout', '1', '--timestamp'),
  run('help-dumpxml', 'help', 'net-dumpxml'),
  run('help-define', 'net-define', '--help'),
  run('help-list', 'help', 'net-list'),
  run('help-update', 'help', 'net-update'),
  run('help-event', 'net-event', '--help'),
  run('unknown-command', 'net-frobnicate'),
  run('missing-argument', 'net-start'),
  run('extra-argument', 'net-start', 'sbs-iso', 'more'),
  run('unknown-option', 'net-list', '--bogus'),
  run('undefine-gen', 'net-undefine', 'sbs-gen'),
  run('undefine-route', 'net-undefine', 'sbs-route'),
  run('undefine-iso-by-uuid', 'net-undefine', ISO_UUID),
  run('list-all-end', 'net-list', '--all'),
];

/** The plan's command lines with @DIR@ filled in. */
export function argsIn(step: { readonly args: readonly string[] }, dir: string): string[] {
  return step.args.map((a) => a.replaceAll('@DIR@', dir));
}
