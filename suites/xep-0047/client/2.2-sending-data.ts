import { defineCases, token, x } from '../../../src/authoring.js';
import { IBB } from './namespace.js';

/** XEP-0047 §2.2 (v1.1): data for a stream the client never opened. */
export default defineCases({ spec: 'xep-0047', role: 'client' }, [
  {
    id: 'XEP0047-2.2-4',
    cite: {
      absent: 'v1.1 §3.2 defines no answer to data for an unknown stream (<item-not-found/> appears only in an example of closing one); v1.2 and later say the recipient "shall return an appropriate XMPP stanza error, such as <item-not-found/>", without a keyword',
    },
    requirement: 'Data for a stream id the client does not know gets an error, <item-not-found/>.',
    async run(t) {
      const answer = await t.client.iq(x('iq', { type: 'set' }, x('data', { xmlns: IBB, sid: `nosuch-${token(4)}`, seq: '0' }, 'aGVsbG8=')));
      t.expectError(answer, ['item-not-found']);
    },
  },
]);
