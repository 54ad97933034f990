import fs from 'node:fs';
import path from 'node:path';

/** How much text gathers before a write: few system calls, no large copy of the report. */
const WRITE_SIZE = 1 << 16;

/**
 * Whether a report path is a stream rather than a file: `-` (standard output) or a path that
 * exists and is not a regular file (/dev/stdout, /dev/null, a pipe). A stream is written once,
 * when the run ends, and through: never replaced by a rename.
 */
export function isStreamDestination(file: string): boolean {
  if (file === '-') return true;
  try {
    return !fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether a report goes to this process's standard output: '-', or a path to the same file (/dev/stdout). */
export function isStandardOutput(file: string): boolean {
  if (file === '-') return true;
  try {
    const [a, b] = [fs.statSync(file), fs.fstatSync(1)];
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

/**
 * Why a report could not be written to `file`, found before the run starts, or nothing: a
 * directory, a path under something that is not a directory, a place the tool may not write.
 */
export function unwritableReason(file: string): string | undefined {
  if (file === '-') return undefined;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return 'it is a directory';
    fs.accessSync(file, fs.constants.W_OK);
    // a regular file is replaced through a temp file beside it
    if (stat.isFile()) fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return 'a part of its path is a file, not a directory';
    if (code !== 'ENOENT') return code ?? (err as Error).message;
  }
  // a new file: the nearest directory that exists must be writable (the rest is made)
  let dir = path.dirname(path.resolve(file));
  while (!fs.existsSync(dir)) dir = path.dirname(dir);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return undefined;
  } catch (err) {
    return `${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

/**
 * Writes a report. A regular file is written atomically (temp file + rename), so a reader never
 * sees half a report; a stream (see isStreamDestination) is written through. The content may come
 * in pieces, which are written as they come.
 */
export function writeFileAtomic(file: string, content: string | Iterable<string>): void {
  if (isStreamDestination(file)) {
    const fd = file === '-' ? 1 : fs.openSync(file, 'w');
    try {
      writePieces(fd, content);
    } finally {
      if (fd !== 1) fs.closeSync(fd);
    }
    return;
  }
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    writePieces(fd, content);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
}

function writePieces(fd: number, content: string | Iterable<string>): void {
  let pending = '';
  for (const piece of typeof content === 'string' ? [content] : content) {
    pending += piece;
    if (pending.length >= WRITE_SIZE) {
      writeAll(fd, pending);
      pending = '';
    }
  }
  writeAll(fd, pending);
}

/** writeSync may write less than asked to a pipe: write the rest. */
function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text);
  while (buffer.length > 0) buffer = buffer.subarray(fs.writeSync(fd, buffer));
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
