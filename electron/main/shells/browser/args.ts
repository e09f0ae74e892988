/** Command-line flags of the shells (scripts/start.mjs passes them through). */
export interface ShellArgs {
  readonly shell?: 'electron' | 'browser';
  readonly open: boolean;
  readonly port: number;
  readonly connect?: string;
  readonly sandbox: boolean;
}

/** Parses `--shell=X`, `--no-open`, `--port N`, `--connect URI`, `--sandbox`; throws a usable message. */
/** `lenient` skips options it does not know (Electron and Chromium add their own). */
export function parseShellArgs(argv: readonly string[], lenient = false): ShellArgs {
  let shell: ShellArgs['shell'];
  let open = true;
  let port = 0;
  let connect: string | undefined;
  let sandbox = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? missing(flag);
    if (flag === '--shell') shell = pickShell(value());
    else if (flag === '--no-open') open = false;
    else if (flag === '--port') port = parsePort(value());
    else if (flag === '--connect' || flag === '-c') connect = value();
    else if (flag === '--sandbox') sandbox = true;
    else if (lenient) continue;
    else
      throw new Error(
        `unknown option "${arg}"; use --shell=electron|browser, --no-open, --port N, --connect URI`,
      );
  }
  return { ...(shell ? { shell } : {}), open, port, ...(connect ? { connect } : {}), sandbox };
}

function splitOnce(arg: string): [string, string] {
  const eq = arg.indexOf('=');
  return [arg.slice(0, eq), arg.slice(eq + 1)];
}

function missing(flag: string): never {
  throw new Error(`option ${flag} needs a value`);
}

function pickShell(v: string): 'electron' | 'browser' {
  if (v === 'electron' || v === 'browser') return v;
  throw new Error(`--shell must be electron or browser, not "${v}"`);
}

function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${v}"`);
  return n;
}
