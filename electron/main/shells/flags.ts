/**
 * The one flag reader behind the app's and the demo's command lines: `--flag value` and
 * `--flag=value` both work, and the values both accept (shell, port) are checked alike.
 */
export interface Flag {
  /** The flag without any `=value`, e.g. `--port`. */
  readonly name: string;
  /** The argument as given. */
  readonly raw: string;
  /** The flag's value: after `=`, else the next argument; throws when there is none. */
  readonly value: () => string;
}

/** Calls `onFlag` for each argument in order; a value taken by `value()` is skipped. */
export function readFlags(argv: readonly string[], onFlag: (flag: Flag) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = () => {
      if (eq > 0) return raw.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`option ${name} needs a value`);
      i += 1;
      return next;
    };
    onFlag({ name, raw, value });
  }
}

export function pickShell(v: string): 'electron' | 'browser' {
  if (v === 'electron' || v === 'browser') return v;
  throw new Error(`--shell must be electron or browser, not "${v}"`);
}

export function parsePort(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${v}"`);
  return n;
}
