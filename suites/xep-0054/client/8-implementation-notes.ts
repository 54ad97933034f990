import { bare, defineCases, iqStanza, NS, token } from '../../../src/authoring.js';

/** XEP-0054 §8 (v1.1 §7): the element names of the vCard a client publishes. */
export default defineCases({ spec: 'xep-0054', role: 'client' }, [
  {
    id: 'XEP0054-8-2',
    cite: {
      '1.1': {
        section: '7',
        keyword: 'MUST',
        quote: 'All elements within the <vCard/> element MUST be in ALL CAPS (even though this is at odds with draft-dawson-vcard-xml-dtd-01).',
      },
      '1.2': {
        section: '8',
        keyword: 'MUST',
        quote: 'All elements within the <vCard/> element MUST be in ALL CAPS (even though this is at odds with draft-dawson-vcard-xml-dtd-01).',
        anchor: 'impl',
      },
    },
    requirement: "A vCard the client publishes (the wrapper <vCard/>) uses the upper-case element names of the DTD; its 'to' and its NICKNAME are recorded.",
    async run(t) {
      const nick = `Certify${token(2)}`;
      const set = await t.act({ kind: 'set-nickname-vcard', nick }, iqStanza({ type: 'set', child: NS.vcard }, 'a vCard set'));
      // §3.2 has the user publish "with no 'to' address", without a keyword: recorded only
      if (set.attrs.to && bare(set.attrs.to).toLowerCase() !== bare(t.client.jid).toLowerCase()) t.note(`the vCard set went to ${set.attrs.to}, not the user's own account`);
      const vcard = set.getChild('vCard', NS.vcard);
      t.check(vcard !== undefined, `<vCard xmlns='${NS.vcard}'/> (that element name exactly: "The correct capitalization of the wrapper element is <vCard/>")`, set);
      const names = vcard!.getChildElements().map((c) => c.getName());
      if (names.length === 0) return t.skip('the vCard the client published has no element to judge');
      const lower = [...new Set(vcard!.getChildElements().flatMap(function all(c): string[] { return [c.getName(), ...c.getChildElements().flatMap(all)]; }))].filter((n) => n !== n.toUpperCase());
      t.check(lower.length === 0, 'upper-case element names within <vCard/> (NICKNAME, FN, …)', lower.join(', '));
      if (vcard!.getChildText('NICKNAME') !== nick) t.note(`the vCard carries no <NICKNAME>${nick}</NICKNAME> (the nickname the user was asked to set)`);
    },
  },
]);
