/**
 * Network names. libvirt refuses '/' (and, at define, a newline); vnm goes further because a
 * name becomes file names (NAME.xml, NAME.conf, NAME.pid), paths inside dnsmasq's
 * configuration, nft comments and log lines, so these limits are vnm's own:
 * - not empty, not blank, no blank at either end, at most MAX_NAME_LENGTH characters;
 * - no '/', no control character (C0, DEL, C1), no line or paragraph separator (U+2028/9);
 * - no '..' anywhere, and not starting with '.' (hidden files, path tricks).
 * '"', '#' and ',' stay allowed, as in libvirt: the dnsmasq writer quotes paths that carry them.
 */
export const MAX_NAME_LENGTH = 200;

/** Characters no text vnm hands to a file or a log may carry: C0, DEL, C1, U+2028, U+2029. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
export const CONTROL_CHAR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** How a control character found by CONTROL_CHAR is named in messages. */
export function describeControlChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 10) return 'a newline';
  return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
}

/** The first problem with a network name, as a sentence, or undefined when it is fine. */
export function networkNameProblem(name: string): string | undefined {
  if (name === '') return 'missing name information: the network needs a name';
  if (name.includes('/')) return "invalid char in name: / (a network name cannot contain '/')";
  const control = CONTROL_CHAR.exec(name);
  if (control) {
    return `invalid char in name: ${describeControlChar(control[0])} is not allowed in a network name`;
  }
  if (name.trim() === '') return 'invalid name: a network name cannot be only blanks';
  if (name.trim() !== name) {
    return 'invalid name: a network name cannot start or end with a blank; remove the blanks around it';
  }
  if ([...name].length > MAX_NAME_LENGTH) {
    return `network name is ${[...name].length} characters long; vnm allows at most ${MAX_NAME_LENGTH}`;
  }
  if (name.includes('..')) return "invalid name: vnm does not allow '..' in a network name";
  if (name.startsWith('.')) return "invalid name: vnm does not allow a network name that starts with '.'";
  return undefined;
}
