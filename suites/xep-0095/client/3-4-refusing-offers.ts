import { defineCases, type Element, NS, stanzaError, token, x } from '../../../src/authoring.js';
import { SI } from './namespace.js';

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

/** The SI application condition of an error answer (§4.2), if any. */
function conditions(answer: Element): { app?: string } {
  return { app: stanzaError(answer)?.appConditions.find((c) => c.xmlns === SI)?.name };
}

/** XEP-0095 §3.2 and §4.2 (v1.1): offers the client must refuse, and how. */
export default defineCases({ spec: 'xep-0095', role: 'client' }, [
  {
    id: 'XEP0095-3.2-2',
    cite: {
      section: '3.2',
      anchor: 'usecase-neg',
      keyword: 'MUST',
      quote: 'If none of the stream types are acceptable, or if the profile is not understood, the Receiver MUST reply with a "bad request" error:',
    },
    requirement: "An offer none of whose stream methods the client accepts gets <bad-request/> (§3.2 shows it with <no-valid-streams xmlns='http://jabber.org/protocol/si'/>, without a keyword: recorded).",
    async run(t) {
      const file = x('file', { xmlns: FILE_TRANSFER, name: 'certify.txt', size: '12' });
      const answer = await t.client.iq(offer(FILE_TRANSFER, ['urn:xmpp:certify:no-such-stream'], file), t.stepMs * 3);
      t.expectError(answer, ['bad-request']);
      const { app } = conditions(answer);
      t.outcome(app ? `<bad-request/> with <${app} xmlns='${SI}'/>` : `<bad-request/> without the <no-valid-streams/> of §3.2's example and §4.2's table`);
    },
  },
  {
    id: 'XEP0095-4.2-1',
    cite: {
      section: '3.2',
      anchor: 'usecase-neg',
      keyword: 'MUST',
      quote: 'If none of the stream types are acceptable, or if the profile is not understood, the Receiver MUST reply with a "bad request" error:',
    },
    requirement: "An offer with an unknown profile gets <bad-request/> (§3.2 shows it with <bad-profile xmlns='http://jabber.org/protocol/si'/>, without a keyword: recorded).",
    async run(t) {
      const answer = await t.client.iq(offer('urn:xmpp:certify:profile:unknown', ['http://jabber.org/protocol/ibb'], x('certify', { xmlns: 'urn:xmpp:certify:profile:unknown' })));
      t.expectError(answer, ['bad-request']);
      const { app } = conditions(answer);
      t.outcome(app ? `<bad-request/> with <${app} xmlns='${SI}'/>` : `<bad-request/> without the <bad-profile/> of §3.2's example and §4.2's table`);
    },
  },
]);
