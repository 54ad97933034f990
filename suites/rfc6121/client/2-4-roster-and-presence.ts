import { defineCases } from '../../../src/engine/case.js';
import { iqStanza } from '../../../src/session/match.js';
import { newId, stanzaError } from '../../../src/session/stanza.js';
import { x, type Element } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { loginRecord, serverPush } from '../../lib/client.js';

const isRosterGet = (el: Element): boolean => el.name === 'iq' && el.attrs.type === 'get' && el.getChild('query', NS.roster) !== undefined;
const isInitialPresence = (el: Element): boolean => el.name === 'presence' && !el.attrs.to;

/** RFC 6121 §2 and §4 (RFC 3921 §7, §5), client side: the roster and the client's own presence. */
export default defineCases({ spec: 'xmpp-im', role: 'client' }, [
  {
    id: 'RFC6121-2.2-2',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '2.2', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'After binding, the client asks for the roster before it sends initial presence.',
    async run(t) {
      const { opening } = loginRecord(t);
      const rosterAt = opening.findIndex(isRosterGet);
      const presenceAt = opening.findIndex(isInitialPresence);
      t.outcome(`roster get ${rosterAt >= 0 ? `as stanza ${rosterAt + 1}` : 'not sent'}; initial presence ${presenceAt >= 0 ? `as stanza ${presenceAt + 1}` : 'not sent'}`);
      t.check(rosterAt >= 0, 'a roster get after binding', 'none among the first stanzas');
      t.check(presenceAt < 0 || rosterAt < presenceAt, 'the roster get before the initial presence', 'initial presence came first');
    },
  },
  {
    id: 'RFC6121-4.2.1-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '4.2.1', keyword: 'MUST', quote: '' },
    },
    requirement: "Initial presence from a client has no 'to' and no 'type'.",
    async run(t) {
      const { opening } = loginRecord(t);
      const initial = opening.find((el) => el.name === 'presence' && (!el.attrs.to || el.attrs.to === t.domain));
      if (!initial) return t.skip('the client sent no presence broadcast at the start of its session', 'not-run');
      t.check(!initial.attrs.to, "no 'to' on initial presence", initial);
      t.check(!initial.attrs.type, "no 'type' on initial presence", initial);
    },
  },
  {
    id: 'RFC6121-2.1.6-2',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '2.1.6', keyword: 'SHOULD', quote: '' },
    },
    requirement: 'The client answers a valid roster push with an IQ result.',
    async run(t) {
      const answer = await serverPush(t, x('query', { xmlns: NS.roster }, x('item', { jid: `benvolio@${t.domain}`, name: 'Benvolio', subscription: 'none' })));
      t.check(answer.attrs.type === 'result', 'an IQ result to the roster push', answer);
    },
  },
  {
    id: 'RFC6121-2.1.6-1',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '2.1.6', keyword: 'MUST', quote: '' },
    },
    requirement: "The client ignores a roster push whose 'from' is neither absent nor its own bare JID (it does not acknowledge it).",
    async run(t) {
      const forged = x('iq', { type: 'set', id: newId('forged') }, x('query', { xmlns: NS.roster }, x('item', { jid: `rosaline@${t.domain}`, subscription: 'both' })));
      if (t.client.mode === 'listen') forged.attrs.from = t.client.peer;
      t.client.send(forged);
      const answer = await t.client.maybe(iqStanza({ id: forged.attrs.id as string, type: ['result', 'error'] }));
      t.outcome(answer ? `answered with ${answer.attrs.type}${stanzaError(answer)?.condition ? ` <${stanzaError(answer)!.condition}/>` : ''}` : 'no answer');
      t.check(answer?.attrs.type !== 'result', `the push from ${t.client.peer} not acknowledged as a roster change`, answer);
    },
  },
  {
    id: 'RFC3921-3-2',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { absent: '' },
    },
    requirement: 'A client that sees the session feature sends the session request after binding and before any other stanza (RFC 3921; RFC 6121 drops it).',
    async run(t) {
      const { negotiation } = loginRecord(t);
      t.check(negotiation.session, 'the RFC 3921 session request (the tool offered the feature, not marked optional)', 'never sent');
      t.check(negotiation.stanzasBeforeSession === 0, 'the session request before any other stanza', `${negotiation.stanzasBeforeSession} stanza(s) before it`);
    },
  },
]);
