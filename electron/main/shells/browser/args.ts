import { parsePort, pickShell, readFlags } from '../flags';

/** Command-line flags of the shells (scripts/start.mjs passes them through). */
export interface ShellArgs {
  readonly shell?: 'electron' | 'browser';
  readonly open: boolean;
  readonly port: number;
  readonly connect?: string;
  readonly sandbox: boolean;
}

/**
 * Parses `--shell=X`, `--no-open`, `--port N`, `--connect URI`, `--sandbox`; throws a usable
 * message. `lenient` skips options it does not know (Electron and Chromium add their own).
 */
export function parseShellArgs(argv: readonly string[], lenient = false): ShellArgs {
  let shell: ShellArgs['shell'];
  let open = true;
  let port = 0;
  let connect: string | undefined;
  let sandbox = false;
  readFlags(argv, ({ name, raw, value }) => {
    if (name === '--shell') shell = pickShell(value());
    else if (name === '--no-open') open = false;
    else if (name === '--port') port = parsePort(value());
    else if (name === '--connect' || name === '-c') connect = value();
    else if (name === '--sandbox') sandbox = true;
    else if (!lenient)
      throw new Error(
        `unknown option "${raw}"; use --shell=electron|browser, --no-open, --port N, --connect URI`,
      );
  });
  return { ...(shell ? { shell } : {}), open, port, ...(connect ? { connect } : {}), sandbox };
}
