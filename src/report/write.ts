import fs from 'node:fs';
import path from 'node:path';

/** How much text gathers before a write: few system calls, no large copy of the report. */
const WRITE_SIZE = 1 << 16;

/**
 * Writes a file atomically (temp file + rename), so a reader never sees half a report. The
 * content may come in pieces, which are written as they come.
 */
export function writeFileAtomic(file: string, content: string | Iterable<string>): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    let pending = '';
    for (const piece of typeof content === 'string' ? [content] : content) {
      pending += piece;
      if (pending.length >= WRITE_SIZE) {
        fs.writeSync(fd, pending);
        pending = '';
      }
    }
    fs.writeSync(fd, pending);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
}

/** Characters XML 1.0 cannot carry even escaped: a hostile peer's control bytes must not break a report. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** Text for an XML or HTML element: safe characters, markup escaped. */
export function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value for an attribute in double quotes. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;');
}
