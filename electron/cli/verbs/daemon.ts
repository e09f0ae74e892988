/** `vnm daemon`: runs vnmd in the foreground until SIGTERM or SIGINT. */
import type { Verb } from '../context';

export const daemonVerb: Verb = {
  name: 'daemon',
  summary: 'run vnmd, the privileged helper, in the foreground',
  args: {
    positionals: [],
    required: 0,
    options: [
      'config-dir',
      'state-dir',
      'runtime-dir',
      'socket',
      'ro-socket',
      'dnsmasq',
      'socket-group',
      'ovn-nb-db',
      'ovn-sb-db',
    ],
    flags: ['no-autostart'],
  },
  async run(_ctx, a) {
    // Loaded only for this verb: a client call starts without parsing all of vnmd.
    const { runDaemon } = await import('../../helper/main');
    await runDaemon({
      configDir: a.values['config-dir'],
      stateDir: a.values['state-dir'],
      runtimeDir: a.values['runtime-dir'],
      socket: a.values.socket,
      roSocket: a.values['ro-socket'],
      dnsmasqBinary: a.values.dnsmasq,
      autostart: !a.flags.has('no-autostart'),
      socketGroup: a.values['socket-group'],
      ovnNbDb: a.values['ovn-nb-db'],
      ovnSbDb: a.values['ovn-sb-db'],
    });
  },
};
