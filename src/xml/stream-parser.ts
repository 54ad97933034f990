import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { Element } from './element.js';

/** Why the peer's byte stream cannot be accepted as an XMPP stream (RFC 6120 §4.9.3, §11). */
export interface XmlViolation {
  condition: 'not-well-formed' | 'restricted-xml' | 'unsupported-encoding' | 'policy-violation';
  detail: string;
}

export interface StreamParserHandlers {
  /** The opening tag of the root element: `<stream:stream …>` or a BOSH `<body …>`. */
  header(name: string, attrs: Record<string, string>, raw: string): void;
  /** A complete first-level child of the root: a stanza, features, a stream error… */
  element(el: Element, raw: string): void;
  /** The root's closing tag. */
  end(raw: string): void;
  violation(v: XmlViolation): void;
}

/**
 * Incremental parser for one XML stream document (RFC 6120 §4). It refuses what §11 forbids
 * (comments, processing instructions, DTDs, entity declarations) instead of skipping it, never
 * expands anything but the predefined entities, and caps the size of any single element so a
 * hostile peer cannot make it buffer without bound. Each element is reported with its raw text,
 * so transcripts show the wire as it was.
 *
 * One instance parses one document: a stream restart (after STARTTLS, SASL or compression)
 * needs a fresh parser, see reset().
 */
export class StreamParser {
  private sax!: SaxesParser<{ position: true; xmlns: false }>;
  private decoder!: TextDecoder;
  private stack: Element[] = [];
  private rootNamespaces: Record<string, string> = {};
  /** Text received but not yet reported as part of an element. */
  private pending = '';
  /** Absolute position (in the document) of pending[0]. */
  private pendingBase = 0;
  private stopped = false;
  private rootOpened = false;

  constructor(
    private readonly handlers: StreamParserHandlers,
    private readonly maxElementChars: number,
  ) {
    this.reset();
  }

  reset(): void {
    this.stack = [];
    this.rootNamespaces = {};
    this.pending = '';
    this.pendingBase = 0;
    this.stopped = false;
    this.rootOpened = false;
    this.decoder = new TextDecoder('utf-8', { fatal: true });
    const sax = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
    sax.on('xmldecl', (decl) => {
      if (decl.encoding && decl.encoding.toUpperCase() !== 'UTF-8') {
        this.violate('unsupported-encoding', `XML declaration names encoding ${decl.encoding}`);
      }
    });
    sax.on('doctype', () => this.violate('restricted-xml', 'document type declaration'));
    sax.on('comment', () => this.violate('restricted-xml', 'XML comment'));
    sax.on('processinginstruction', (pi) => this.violate('restricted-xml', `processing instruction <?${pi.target}?>`));
    sax.on('opentag', (tag) => this.onOpen(tag));
    sax.on('closetag', (tag) => this.onClose(tag));
    sax.on('text', (text) => this.onText(text));
    sax.on('cdata', (text) => this.onText(text));
    sax.on('error', (err) => this.violate('not-well-formed', err.message));
    this.sax = sax;
  }

  write(chunk: Buffer | string): void {
    if (this.stopped) return;
    let text: string;
    try {
      text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    } catch {
      this.violate('not-well-formed', 'bytes that are not valid UTF-8');
      return;
    }
    this.pending += text;
    this.sax.write(text);
    if (!this.stopped && this.pending.length > this.maxElementChars) {
      this.violate('policy-violation', `more than ${this.maxElementChars} characters without a complete element`);
    }
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Stops parsing; nothing more is reported until reset(). */
  stop(): void {
    this.stopped = true;
    this.pending = '';
  }

  private violate(condition: XmlViolation['condition'], detail: string): void {
    if (this.stopped) return;
    this.stop();
    this.handlers.violation({ condition, detail });
  }

  /** Takes the raw text of everything up to the parser's current position. */
  private takeRaw(): string {
    const end = this.sax.position - this.pendingBase;
    const raw = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    this.pendingBase = this.sax.position;
    return raw.trimStart();
  }

  private onOpen(tag: SaxesTagPlain): void {
    if (this.stopped) return;
    const attrs = { ...tag.attributes } as Record<string, string>;
    if (this.stack.length === 0 && !this.rootOpened) {
      this.rootOpened = true;
      for (const [key, value] of Object.entries(attrs)) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) this.rootNamespaces[key] = value;
      }
      this.handlers.header(tag.name, attrs, this.takeRaw());
      if (tag.isSelfClosing) this.handlers.end('');
      return;
    }
    if (this.stack.length === 0) {
      // A first-level element stands alone once reported: give it the root's namespace
      // declarations so its namespace resolves without the root.
      for (const [key, value] of Object.entries(this.rootNamespaces)) {
        if (!(key in attrs)) attrs[key] = value;
      }
    }
    const el = new Element(tag.name, attrs);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.cnode(el);
    this.stack.push(el);
  }

  private onClose(tag: SaxesTagPlain): void {
    if (this.stopped) return;
    if (this.stack.length === 0) {
      this.handlers.end(this.takeRaw());
      this.stop();
      return;
    }
    const el = this.stack.pop()!;
    if (el.name !== tag.name) return; // saxes reports the mismatch as an error
    if (this.stack.length === 0) this.handlers.element(el, this.takeRaw());
  }

  private onText(text: string): void {
    if (this.stopped) return;
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.t(text);
  }
}
