/**
 * The CLI's askpass for ssh connections: asks on the terminal (/dev/tty, as ssh itself would),
 * with echo off except for host-key questions. Without a terminal (scripts, cron) there is
 * none, and ssh runs in batch mode: it never waits for an answer nobody can give.
 */
import { closeSync, openSync } from 'node:fs';
import { ReadStream, WriteStream } from 'node:tty';

type Ask = (prompt: string) => Promise<string | null>;

function canOpenTty(): boolean {
  try {
    closeSync(openSync('/dev/tty', 'r'));
    return true;
  } catch {
    return false;
  }
}

function askOnTty(prompt: string): Promise<string | null> {
  const input = new ReadStream(openSync('/dev/tty', 'r'));
  const output = new WriteStream(openSync('/dev/tty', 'w'));
  const echo = /\(yes\/no/.test(prompt);
  output.write(/\s$/.test(prompt) ? prompt : `${prompt} `);
  input.setRawMode(true);
  return new Promise((resolve) => {
    let answer = '';
    const done = (value: string | null) => {
      input.setRawMode(false);
      output.write('\n');
      input.destroy();
      output.destroy();
      resolve(value);
    };
    input.on('data', (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(answer);
        if (ch === '\x03' || (ch === '\x04' && answer === '')) return done(null);
        if (ch === '\x7f' || ch === '\b') {
          if (answer && echo) output.write('\b \b');
          answer = answer.slice(0, -1);
        } else {
          answer += ch;
          if (echo) output.write(ch);
        }
      }
    });
  });
}

/** An askpass on the terminal, or undefined when this process has none. */
export function ttyAskpass(): Promise<Ask | undefined> {
  return Promise.resolve(canOpenTty() ? askOnTty : undefined);
}
