import { bare, defineCases, type Element, match, token } from '../../../src/authoring.js';
import { newContact, nothingFromClient } from '../../lib/client.js';

/** Every JID a stanza names: its 'to', and the 'jid' of the items of its payloads (a roster set, say). */
function jidsIn(el: Element): string[] {
  return [el.attrs.to, ...el.getChildElements().flatMap((q) => q.getChildren('item').map((i) => i.attrs.jid))].filter((j): j is string => Boolean(j));
}

/** XEP-0106 §4.1 (v1.1): what the user types is escaped on the wire. */
export default defineCases({ spec: 'xep-0106', role: 'client' }, [
  {
    id: 'XEP0106-4.1-1',
    cite: {
      section: '4.1',
      anchor: 'bizrules-processing',
      keyword: 'MUST NOT',
      quote: 'An entity MUST NOT include the unescaped version of a disallowed character over the wire in any XML stanzas sent to another entity (since by definition the unescaped version of a disallowed character violates Nodeprep).',
    },
    requirement: "A character disallowed in a localpart is never sent unescaped: the contact d'artagnan the user adds goes on the wire as d\\27artagnan, not d'artagnan.",
    async run(t) {
      const key = `artagnan${token(1)}`;
      const local = `d'${key}`;
      const escaped = local.replace("'", '\\27');
      const typed = newContact(t, local);
      const aboutContact = (el: Element): boolean => jidsIn(el).map(bare).some((j) => j.startsWith('d') && j.includes(key));
      const request = await t.act({ kind: 'add-contact', jid: typed }, match(`a request about ${typed}`, aboutContact));
      // the JIDs as parsed: serialised XML writes ' as &apos;, which would hide it from a text search
      const named = [...new Set(jidsIn(request).map(bare).filter((j) => j.includes(key)))];
      t.outcome(`the client named ${named.join(', ')}${named.some((j) => j.toLowerCase() === `${escaped}@${t.domain}`.toLowerCase()) ? ' (the escaped form)' : ''}`);
      // whatever it sends about the contact (roster set, subscription request), up to its answer to a later disco#info
      const unescaped = match(`a stanza naming the contact with an unescaped ' in the localpart (${escaped}@${t.domain} is the escaped form)`,
        (el) => aboutContact(el) && jidsIn(el).map(bare).some((j) => j.includes(key) && j.split('@')[0]!.includes("'")));
      await nothingFromClient(t, unescaped, `stanza naming the contact with an unescaped ' in the localpart (${escaped}@${t.domain} is the escaped form)`);
    },
  },
]);
