import { parsePort, pickShell, readFlags } from '../main/shells/flags';

/** Flags of `npm run demo` / `vnm demo`. */
export interface DemoArgs {
  /** Serve the UI but open no window (print its URL). */
  readonly open: boolean;
  /** Serve no UI at all: only the sandbox and vnmd, for the CLI. */
  readonly ui: boolean;
  readonly shell?: 'electron' | 'browser';
  readonly port?: number;
  /** No reaper process: for tests of the sweep a new demo does. */
  readonly reaper: boolean;
  /** OVN: a second host, OVN central, and `span` across both hosts. */
  readonly ovn: boolean;
  readonly help: boolean;
}

export const DEMO_USAGE = `Usage: npm run demo -- [OPTIONS]   (or: vnm demo [OPTIONS])

Runs vnm against a sandbox host made of network namespaces: vnmd with the networks
"default" (NAT, running) and "lab" (isolated), guests that take DHCP leases and make
traffic, and the app. Ctrl-C removes everything. Needs root.

  --no-open           serve the app but open no window (its URL is printed)
  --no-ui             run only the sandbox and vnmd (use the CLI line printed)
  --shell=electron|browser   which app shell to use (default: Electron if installed)
  --port N            port of the browser shell (default: any free port)
  --ovn               also OVN: the host becomes chassis host-a beside a host-b (its own
                      vnmd) and OVN central, with "span", one network across both hosts
                      (needs openvswitch-switch, ovn-central and ovn-host: scripts/setup.sh)
  --no-reaper         do not clean up after a kill -9 until the next demo (for tests)
  -h, --help          this help
`;

export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let open = true;
  let ui = true;
  let reaper = true;
  let help = false;
  let ovn = false;
  let shell: DemoArgs['shell'];
  let port: number | undefined;
  readFlags(argv, ({ name, raw, value }) => {
    if (name === '--no-open') open = false;
    else if (name === '--no-ui') ui = false;
    else if (name === '--no-reaper') reaper = false;
    else if (name === '--ovn') ovn = true;
    else if (name === '--help' || name === '-h') help = true;
    else if (name === '--shell') shell = pickShell(value());
    else if (name === '--port') port = parsePort(value());
    else throw new Error(`unknown option "${raw}"; see npm run demo -- --help`);
  });
  return {
    open,
    ui,
    reaper,
    ovn,
    help,
    ...(shell ? { shell } : {}),
    ...(port !== undefined ? { port } : {}),
  };
}
