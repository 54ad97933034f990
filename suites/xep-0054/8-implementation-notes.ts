import { defineCases, STANZA_TRANSPORTS, token, x } from '../../src/authoring.js';
import { leaves, storeVCard, vcard, vcardGet, vcardOf } from './vcard.js';

/** XEP-0054 §8 (v1.1: §7): the upper-case vCard-XML structure comes back as it was stored. */
export default defineCases({ spec: 'xep-0054', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0054-8-1',
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
    requirement: 'Upper-case element names, TEL/NUMBER (empty when there is no number) and EMAIL/USERID are stored and returned unchanged.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const sent = vcard(
        x('N', {}, x('FAMILY', {}, 'Certify'), x('GIVEN', {}, token()), x('MIDDLE')),
        x('TEL', {}, x('WORK'), x('VOICE'), x('NUMBER', {}, '+1-555-0101')),
        x('TEL', {}, x('WORK'), x('FAX'), x('NUMBER')),
        x('EMAIL', {}, x('INTERNET'), x('PREF'), x('USERID', {}, 'certify@example.com')),
        x('ADR', {}, x('WORK'), x('LOCALITY', {}, 'Denver'), x('CTRY', {}, 'USA')),
      );
      await storeVCard(t, s, sent);
      const response = await vcardGet(s);
      const card = vcardOf(response);
      t.check(card !== undefined, "a result carrying <vCard xmlns='vcard-temp'/>", response);
      const got = [...leaves(card!).keys()];
      const missing = [...leaves(sent).keys()].filter((path) => !got.includes(path)).map((path) => {
        const recased = got.find((p) => p.toLowerCase() === path.toLowerCase());
        return recased ? `${path} (came back as ${recased})` : path;
      });
      t.check(missing.length === 0, 'every element returned at its place with its upper-case name', `missing: ${missing.join(', ')}`);
    },
  },
]);
