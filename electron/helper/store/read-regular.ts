/** Reading the stores' files without trusting what kind of file sits under a name. */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Reads a file only if it is a regular one. O_NONBLOCK keeps the open of a fifo from waiting
 * for a writer forever; the check after it refuses the fifo, a device or a directory.
 */
export async function readRegularFile(path: string): Promise<string> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error('it is not a regular file');
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
