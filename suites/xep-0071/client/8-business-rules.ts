import { defineCases, type Element, NS } from '../../../src/authoring.js';
import { clientPresence } from '../../lib/client.js';

/** Every XHTML-IM <html/> wrapper in `el`, at any depth. */
function htmlWrappers(el: Element): Element[] {
  return el.getChildElements().flatMap((c) => (c.getName() === 'html' && c.getNS() === NS.xhtmlIm ? [c] : htmlWrappers(c)));
}

/** XEP-0071 §8 (v1.3): no XHTML where it does not belong. */
export default defineCases({ spec: 'xep-0071', role: 'client' }, [
  {
    id: 'XEP0071-8-3',
    cite: {
      section: '8',
      anchor: 'bizrules',
      keyword: ['SHOULD NOT', 'MUST'],
      quote: 'In order to preserve bandwidth, XHTML-IM content SHOULD NOT be included within XMPP <presence/> stanzas; however, if it is so included, the <html/> element MUST be a direct child of the <presence/> stanza …',
    },
    requirement: 'XHTML is not put into presence (SHOULD NOT); if it is, the <html/> is a direct child of the presence (MUST).',
    async run(t) {
      const presence = clientPresence(t);
      const wrappers = htmlWrappers(presence);
      t.should(wrappers.length === 0, 'no XHTML-IM <html/> in the presence', presence);
      const nested = wrappers.filter((w) => !presence.getChildElements().includes(w));
      t.must(nested.length === 0, 'the XHTML-IM <html/> a direct child of <presence/>', presence);
    },
  },
]);
