/**
 * Network names. libvirt refuses '/' (and, at define, a newline); vnm goes further because a
 * name becomes file names (NAME.xml, NAME.conf, NAME.pid) and appears in nft comments and
 * logs, so these limits are vnm's own:
 * - not empty, at most MAX_NAME_LENGTH characters;
 * - no '/', no control character (newline, tab, NUL, DEL ...);
 * - no '..' anywhere, and not starting with '.' (hidden files, path tricks).
 */

export const MAX_NAME_LENGTH = 200;

/** The first problem with a network name, as a sentence, or undefined when it is fine. */
export function networkNameProblem(name: string): string | undefined {
  if (name === '') return 'missing name information: the network needs a name';
  if (name.includes('/')) return "invalid char in name: / (a network name cannot contain '/')";
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(name);
  if (control) {
    const code = control[0].charCodeAt(0);
    const what =
      code === 10 ? 'a newline' : `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
    return `invalid char in name: ${what} is not allowed in a network name`;
  }
  if ([...name].length > MAX_NAME_LENGTH) {
    return `network name is ${[...name].length} characters long; vnm allows at most ${MAX_NAME_LENGTH}`;
  }
  if (name.includes('..')) return "invalid name: vnm does not allow '..' in a network name";
  if (name.startsWith('.')) return "invalid name: vnm does not allow a network name that starts with '.'";
  return undefined;
}
