import fs from 'node:fs';
import path from 'node:path';

/** Writes a file atomically (temp file + rename), so a reader never sees half a report. */
export function writeFileAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

/** Characters XML 1.0 cannot carry even escaped: a hostile peer's control bytes must not break a report. */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}
