import type { Redactor } from './redact.js';

export type Direction = 'sent' | 'received' | 'note';

export interface TranscriptEntry {
  /** Milliseconds since the transcript was started. */
  at: number;
  /** Which of the case's sessions: `alice#1`, `raw#2`, … */
  session: string;
  direction: Direction;
  /** The wire text (redacted), or for notes what the tool did that is not on the wire. */
  data: string;
}

/** Entries longer than this are cut in the middle: a hostile 10 MB stanza is evidence enough in 4 KB. */
const MAX_ENTRY_CHARS = 4096;
/** Beyond this many entries a case's transcript keeps only its head and tail. */
const MAX_ENTRIES = 2000;

/**
 * The stanza transcript of one case: every byte sent and received by its sessions, redacted as
 * it is recorded, so no secret is ever held in a report structure.
 */
export class Transcript {
  private readonly list: TranscriptEntry[] = [];
  private dropped = 0;
  private readonly started = performance.now();

  constructor(private readonly redactor: Redactor) {}

  record(session: string, direction: Direction, data: string): void {
    const text = clip(this.redactor.redact(data));
    if (this.list.length >= MAX_ENTRIES) {
      // keep the first half as recorded and let the second half roll
      this.list.splice(MAX_ENTRIES / 2, 1);
      this.dropped++;
    }
    this.list.push({ at: Math.round(performance.now() - this.started), session, direction, data: text });
  }

  get entries(): readonly TranscriptEntry[] {
    if (this.dropped === 0) return this.list;
    const half = MAX_ENTRIES / 2;
    const marker: TranscriptEntry = {
      at: this.list[half]?.at ?? 0,
      session: '-',
      direction: 'note',
      data: `[${this.dropped} entries left out]`,
    };
    return [...this.list.slice(0, half), marker, ...this.list.slice(half)];
  }
}

function clip(text: string): string {
  if (text.length <= MAX_ENTRY_CHARS) return text;
  const keep = MAX_ENTRY_CHARS / 2;
  return `${text.slice(0, keep)}[… ${text.length - 2 * keep} characters left out …]${text.slice(-keep)}`;
}

/** Renders a transcript as plain text lines, the form used in JUnit system-out and terminals. */
export function renderTranscript(entries: readonly TranscriptEntry[]): string {
  const arrow: Record<Direction, string> = { sent: '->', received: '<-', note: '**' };
  return entries
    .map((e) => `${String(e.at).padStart(6)}ms ${e.session.padEnd(12)} ${arrow[e.direction]} ${e.data}`)
    .join('\n');
}
