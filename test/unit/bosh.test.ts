import { describe, expect, it } from 'vitest';
import { bodyTag, parseBody, qualifiedStanza } from '../../src/transport/bosh.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';

describe('stanzas in a BOSH <body/>', () => {
  const chat = (): ReturnType<typeof x> => x('message', { to: 'bob@example.test', type: 'chat' }, x('body', {}, 'hi'));
  const carried = (content: string): ReturnType<typeof x> => parseBody(bodyTag({ rid: 1, sid: 's' }, content), 100_000).children[0]!.el;

  it("are qualified by 'jabber:client', so their children are too (XEP-0206 §2)", () => {
    const message = carried(qualifiedStanza(chat()));
    expect(message.getNS()).toBe(NS.client);
    expect(message.getChild('body')!.getNS()).toBe(NS.client);
    // what an unqualified one turns into: the wrapper's namespace reaches its <body/>
    expect(carried(chat().toString()).getChild('body')!.getNS()).toBe(NS.httpbind);
  });

  it('keep a namespace they have, leave other elements alone, and do not change the element given', () => {
    const original = chat();
    qualifiedStanza(original);
    expect(original.attrs.xmlns).toBeUndefined();
    expect(qualifiedStanza(x('message', { xmlns: 'jabber:server' }))).toBe(`<message xmlns="jabber:server"/>`);
    expect(qualifiedStanza(x('auth', { xmlns: NS.sasl }))).toBe(`<auth xmlns="${NS.sasl}"/>`);
  });
});
