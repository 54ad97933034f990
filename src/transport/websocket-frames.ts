import crypto from 'node:crypto';

/**
 * The RFC 6455 framing (§5) both ways: what the WebSocket transport writes and reads, and what
 * the tests' fake endpoints speak. A client masks every frame it sends (§5.3); a server never does.
 */

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface Frame {
  fin: boolean;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** One frame on the wire: FIN set unless told, masked with a fresh key when `mask`. */
export function encodeFrame(opcode: number, payload: Buffer, options: { mask: boolean; fin?: boolean }): Buffer {
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const header = Buffer.alloc(2 + extended + (options.mask ? 4 : 0));
  header[0] = ((options.fin ?? true) ? 0x80 : 0) | opcode;
  header[1] = (options.mask ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) header.writeUInt16BE(length, 2);
  if (extended === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!options.mask) return Buffer.concat([header, payload]);
  const key = crypto.randomBytes(4);
  key.copy(header, 2 + extended);
  return Buffer.concat([header, xorMask(payload, key)]);
}

function xorMask(data: Buffer, key: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! ^ key[i % 4]!;
  return out;
}

/** Why a byte sequence is not RFC 6455 framing. */
export class FramingError extends Error {}

/**
 * Reads frames from a byte stream that arrives in arbitrary pieces. A frame announcing more than
 * `maxPayload` bytes is refused before it is buffered.
 */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxPayload: number) {}

  /** The complete frames in what has arrived so far; a partial one waits for more bytes. */
  push(chunk: Buffer): Frame[] {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (!frame) return frames;
      frames.push(frame);
    }
  }

  private next(): Frame | undefined {
    const b = this.buffer;
    if (b.length < 2) return undefined;
    if (b[0]! & 0x70) throw new FramingError('a frame with reserved bits set (no extension was negotiated)');
    const masked = (b[1]! & 0x80) !== 0;
    let length = b[1]! & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (b.length < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return undefined;
      const long = b.readBigUInt64BE(2);
      if (long > BigInt(this.maxPayload)) throw new FramingError(`a frame of ${long} bytes, more than the ${this.maxPayload} allowed`);
      length = Number(long);
      offset = 10;
    }
    if (length > this.maxPayload) throw new FramingError(`a frame of ${length} bytes, more than the ${this.maxPayload} allowed`);
    const keyAt = offset;
    if (masked) offset += 4;
    if (b.length < offset + length) return undefined;
    const body = b.subarray(offset, offset + length);
    const payload = masked ? xorMask(body, b.subarray(keyAt, keyAt + 4)) : Buffer.from(body);
    this.buffer = b.subarray(offset + length);
    return { fin: (b[0]! & 0x80) !== 0, opcode: b[0]! & 0x0f, masked, payload };
  }
}

/** The Sec-WebSocket-Accept value a server must answer `key` with (RFC 6455 §4.2.2). */
export function acceptFor(key: string): string {
  return crypto.createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

/** A Close frame's payload: a status code and a reason (RFC 6455 §5.5.1). */
export function closePayload(code: number, reason = ''): Buffer {
  const out = Buffer.alloc(2 + Buffer.byteLength(reason));
  out.writeUInt16BE(code, 0);
  out.write(reason, 2);
  return out;
}
