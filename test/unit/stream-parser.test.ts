import { describe, expect, it } from 'vitest';
import type { Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { StreamParser, type XmlViolation } from '../../src/xml/stream-parser.js';

function parse(chunks: (string | Buffer)[], max = 10_000) {
  const seen: { header?: { name: string; attrs: Record<string, string>; raw: string }; elements: { el: Element; raw: string }[]; ended: boolean; violation?: XmlViolation } = { elements: [], ended: false };
  const parser = new StreamParser({
    header: (name, attrs, raw) => (seen.header = { name, attrs, raw }),
    element: (el, raw) => seen.elements.push({ el, raw }),
    end: () => (seen.ended = true),
    violation: (v) => (seen.violation = v),
  }, max);
  for (const c of chunks) parser.write(c);
  return seen;
}

const HEADER = "<?xml version='1.0'?><stream:stream from='example.org' id='s1' version='1.0' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

describe('StreamParser', () => {
  it('reports the header, each first-level element with its raw text, and the end', () => {
    const seen = parse([HEADER, "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>", ' <message to="a@b"><body>h&amp;i</body></message>', '</stream:stream>']);
    expect(seen.header?.name).toBe('stream:stream');
    expect(seen.header?.attrs.id).toBe('s1');
    expect(seen.header?.raw).toBe(HEADER);
    expect(seen.elements).toHaveLength(2);
    const [features, message] = seen.elements;
    expect(features!.el.is('features', NS.stream)).toBe(true);
    expect(message!.el.getNS()).toBe(NS.client);
    expect(message!.el.getChildText('body')).toBe('h&i');
    expect(message!.raw).toBe('<message to="a@b"><body>h&amp;i</body></message>');
    expect(seen.ended).toBe(true);
  });

  it('joins elements split across chunks, including a multi-byte character split between buffers', () => {
    const bytes = Buffer.from(`${HEADER}<message><body>é😀</body></message>`);
    const cut = bytes.indexOf(Buffer.from('😀')) + 2;
    const seen = parse([bytes.subarray(0, cut), bytes.subarray(cut)]);
    expect(seen.violation).toBeUndefined();
    expect(seen.elements[0]!.el.getChildText('body')).toBe('é😀');
  });

  it.each([
    ['a comment', '<!-- hi -->', 'restricted-xml'],
    ['a processing instruction', '<?pi x?>', 'restricted-xml'],
    // inside the root a DTD is not even well-formed XML
    ['a DTD with an entity inside the stream, never expanded', "<!DOCTYPE x [<!ENTITY e 'boom'>]>", 'not-well-formed'],
    ['mismatched tags', '<message><body>x</message>', 'not-well-formed'],
    ['an undefined entity', '<message><body>&e;</body></message>', 'not-well-formed'],
  ])('refuses %s', (_what, text, condition) => {
    const seen = parse([HEADER, text, '<message><body>after</body></message>']);
    expect(seen.violation?.condition).toBe(condition);
    expect(seen.elements.map((e) => e.el.getChildText('body'))).not.toContain('after');
  });

  it('refuses a DOCTYPE before the root', () => {
    const seen = parse(["<!DOCTYPE stream [<!ENTITY a 'x'>]><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>"]);
    expect(seen.violation?.condition).toBe('restricted-xml');
    expect(seen.header).toBeUndefined();
  });

  it('refuses an encoding other than UTF-8 and bytes that are not UTF-8', () => {
    expect(parse([HEADER.replace("version='1.0'?>", "version='1.0' encoding='ISO-8859-1'?>")]).violation?.condition).toBe('unsupported-encoding');
    expect(parse([HEADER, Buffer.from([0x3c, 0x61, 0xff, 0x3e])]).violation?.condition).toBe('not-well-formed');
  });

  it('stops an element that grows past the limit, and a whitespace flood', () => {
    const big = parse([HEADER, `<message><body>${'a'.repeat(5000)}`, 'a'.repeat(6000)], 10_000);
    expect(big.violation?.condition).toBe('policy-violation');
    const flood = parse([HEADER, ' '.repeat(20_000)], 10_000);
    expect(flood.violation?.condition).toBe('policy-violation');
  });

  it('starts a new document after reset (stream restart)', () => {
    const elements: Element[] = [];
    const parser = new StreamParser({ header: () => undefined, element: (el) => elements.push(el), end: () => undefined, violation: (v) => { throw new Error(v.detail); } }, 10_000);
    parser.write(`${HEADER}<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
    parser.reset();
    parser.write(`${HEADER}<stream:features/>`);
    expect(elements.map((e) => e.getName())).toEqual(['proceed', 'features']);
  });
});
