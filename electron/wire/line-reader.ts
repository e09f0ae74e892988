/**
 * Splits a byte stream into lines for newline-delimited JSON-RPC, with a cap on line length
 * so one client cannot make vnmd buffer without bound. An over-long line is reported once
 * and then skipped up to its newline, so the connection keeps serving.
 */
export const MAX_LINE_BYTES = 2 * 1024 * 1024;

export interface LineSink {
  line(text: string): void;
  tooLong(bytes: number): void;
}

export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  private skipping = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxBytes = MAX_LINE_BYTES,
  ) {}

  /** Whether part of a line has arrived without its newline yet. */
  get partial(): boolean {
    return this.size > 0;
  }

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl === -1) {
        this.append(chunk.subarray(start));
        return;
      }
      this.append(chunk.subarray(start, nl));
      this.finishLine();
      start = nl + 1;
    }
  }

  private append(piece: Buffer): void {
    if (piece.length === 0) return;
    this.size += piece.length;
    if (this.skipping) return;
    if (this.size > this.maxBytes) {
      this.parts = [];
      this.skipping = true;
      this.sink.tooLong(this.size);
      return;
    }
    this.parts.push(piece);
  }

  private finishLine(): void {
    if (!this.skipping) {
      const text = Buffer.concat(this.parts).toString('utf8').replace(/\r$/, '');
      if (text.trim() !== '') this.sink.line(text);
    }
    this.parts = [];
    this.size = 0;
    this.skipping = false;
  }
}
