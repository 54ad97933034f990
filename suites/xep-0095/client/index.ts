import { defineCases, type Suite } from '../../../src/engine/case.js';
import { stanzaError, token } from '../../../src/session/stanza.js';
import { x, type Element } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { featureProbe } from '../../lib/client.js';

const SI = 'http://jabber.org/protocol/si';
const FILE_TRANSFER = `${SI}/profile/file-transfer`;

/** A stream-initiation offer (XEP-0095 §3.1) for `profile`, offering the stream methods given. */
function offer(profile: string, methods: string[], payload: Element): Element {
  return x('iq', { type: 'set' },
    x('si', { xmlns: SI, id: `si-${token(4)}`, profile, 'mime-type': 'text/plain' },
      payload,
      x('feature', { xmlns: 'http://jabber.org/protocol/feature-neg' },
        x('x', { xmlns: NS.dataForms, type: 'form' },
          x('field', { var: 'stream-method', type: 'list-single' }, ...methods.map((m) => x('option', {}, x('value', {}, m))))))));
}

/** The error condition and the SI application condition of an answer. */
function conditions(answer: Element): { condition?: string; app?: string } {
  const error = stanzaError(answer);
  return { condition: error?.condition, app: error?.appConditions.find((c) => c.xmlns === SI)?.name };
}

/** XEP-0095 Stream Initiation for clients: offers the client must refuse, and how. */
export const xep0095Client: Suite = {
  spec: 'xep-0095',
  role: 'client',
  probe: featureProbe(SI, 'stream initiation'),
  cases: defineCases({ spec: 'xep-0095', role: 'client' }, [
    {
      id: 'XEP0095-4.2-1',
      cite: { section: '3.2, 4.2', keyword: 'MUST', quote: '' },
      requirement: "An offer with an unknown profile gets <bad-request/> with <bad-profile xmlns='http://jabber.org/protocol/si'/>.",
      async run(t) {
        const answer = await t.client.iq(offer('urn:xmpp:certify:profile:unknown', ['http://jabber.org/protocol/ibb'], x('certify', { xmlns: 'urn:xmpp:certify:profile:unknown' })));
        const { condition, app } = conditions(answer);
        t.check(answer.attrs.type === 'error' && condition === 'bad-request', 'an error <bad-request/>', answer);
        t.check(app === 'bad-profile', `<bad-profile xmlns='${SI}'/> in the error`, answer);
      },
    },
    {
      id: 'XEP0095-3.2-2',
      cite: { section: '3.2, 4.2', keyword: 'MUST', quote: '' },
      requirement: "An offer none of whose stream methods the client accepts gets <bad-request/> with <no-valid-streams xmlns='http://jabber.org/protocol/si'/>.",
      async run(t) {
        const file = x('file', { xmlns: FILE_TRANSFER, name: 'certify.txt', size: '12' });
        const answer = await t.client.iq(offer(FILE_TRANSFER, ['urn:xmpp:certify:no-such-stream'], file), t.stepMs * 3);
        const { condition, app } = conditions(answer);
        t.check(answer.attrs.type === 'error' && condition === 'bad-request', 'an error <bad-request/>', answer);
        t.check(app === 'no-valid-streams', `<no-valid-streams xmlns='${SI}'/> in the error`, answer);
      },
    },
  ]),
};
