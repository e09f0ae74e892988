/**
 * A network name becomes a file name in the store, so it is checked before any path is built:
 * no '/', no '.' or '..', no control characters, and short enough for a file name.
 */
import { VnmError } from '../../../shared/rpc/errors';

/** NAME.xml, NAME.json, NAME.conf ... must fit in 255 bytes. */
export const MAX_NAME_BYTES = 200;

/** Returns why the name cannot be a network name, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.length === 0) return 'the name is empty';
  if (name.includes('/')) return "the name contains '/'";
  if (name === '.' || name === '..') return `the name is "${name}"`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the name contains a control character (newline, tab ...)';
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) return `the name is longer than ${MAX_NAME_BYTES} bytes`;
  return null;
}

export function assertSafeName(name: string): string {
  const problem = nameProblem(name);
  if (problem) {
    const shown = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
    throw new VnmError(
      'invalid-argument',
      `Network name ${shown} cannot be used: ${problem}; choose another name.`,
    );
  }
  return name;
}
