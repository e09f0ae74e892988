/** Finds what is wrong with XML text, and where, before or after vnmd has read it. */
export interface XmlProblem {
  readonly message: string;
  /** 1-based line, when known. */
  readonly line: number | null;
}

/** The first "line N" (or "N:M:" position) a parser message names. */
export function lineOf(text: string): number | null {
  const m = /\bline[ :]+(\d+)/i.exec(text) ?? /^(\d+):\d+:/m.exec(text);
  return m?.[1] ? Number(m[1]) : null;
}

/** Checks that the text is well-formed XML; null when it is. */
export function wellFormedProblem(xml: string): XmlProblem | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const err = doc.getElementsByTagName('parsererror')[0];
  if (!err) return null;
  const raw = (err.textContent ?? '').replace(/^This page contains the following errors:/, '');
  const text = raw.split('Below is a rendering')[0]?.trim() || 'the XML is not well-formed';
  const line = lineOf(text);
  const detail = text.replace(/^error on line \d+ at column \d+:\s*/i, '');
  return { message: `The XML is not well-formed: ${detail}`, line };
}
