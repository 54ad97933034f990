import { defineCases, describe, type Element, iqStanza, newId, NS, stanzaError, x } from '../../../src/authoring.js';
import { loginRecord, nothingFromClient, serverPush } from '../../lib/client.js';

const isRosterGet = (el: Element): boolean => el.name === 'iq' && el.attrs.type === 'get' && el.getChild('query', NS.roster) !== undefined;
const isInitialPresence = (el: Element): boolean => el.name === 'presence' && !el.attrs.to;
/** A stanza of instant messaging and presence: presence, a message, or a roster request. */
const isImStanza = (el: Element): boolean => el.name === 'presence' || el.name === 'message' || (el.name === 'iq' && el.getChild('query', NS.roster) !== undefined);

/** RFC 6121 §2 and §4 (RFC 3921 §3, §5.1.1, §7, §8.1), client side: the roster and the client's own presence. */
export default defineCases({ spec: 'xmpp-im', role: 'client' }, [
  {
    id: 'RFC6121-2.2-2',
    cite: {
      '3920': {
        section: '7.3',
        keyword: ['SHOULD', 'OPTIONAL'],
        quote: "Upon connecting to the server and becoming an active resource, a client SHOULD request the roster before sending initial presence (however, because receiving the roster may not be desirable for all resources …, the client's request for the roster is OPTIONAL).",
      },
      '6120': {
        section: '2.2',
        keyword: 'SHOULD',
        quote: "Upon authenticating with a server and binding a resource …, a client SHOULD request the roster before sending initial presence (however, because receiving the roster is not necessarily desirable for all resources …, the client's request for the roster is not mandatory).",
      },
    },
    requirement: 'A client that asks for the roster at the start of its session asks before it sends initial presence (the request itself is optional).',
    async run(t) {
      const { opening } = loginRecord(t);
      const rosterAt = opening.findIndex(isRosterGet);
      const presenceAt = opening.findIndex(isInitialPresence);
      t.outcome(`roster get ${rosterAt >= 0 ? `as stanza ${rosterAt + 1}` : 'not sent'}; initial presence ${presenceAt >= 0 ? `as stanza ${presenceAt + 1}` : 'not sent'}`);
      if (rosterAt < 0) return t.skip('the client asked for no roster at the start of its session, which the text makes optional');
      t.check(presenceAt < 0 || rosterAt < presenceAt, 'the roster get before the initial presence', `initial presence came first (stanza ${presenceAt + 1}, the roster get ${rosterAt + 1})`);
    },
  },
  {
    id: 'RFC6121-4.2.1-1',
    cite: {
      '3920': {
        section: '5.1.1',
        keyword: 'MUST',
        quote: "As defined herein, the initial presence stanza (1) MUST possess no 'to' address (signalling that it is meant to be broadcasted by the server on behalf of the client) and (2) MUST possess no 'type' attribute (signalling the user's availability).",
      },
      '6120': { absent: "RFC 6121 §4.2.1 only defines initial presence as a presence stanza with no 'to' and no 'type', with no keyword (RFC 3921 §5.1.1 said MUST)" },
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
      '3920': {
        section: '8.1',
        keyword: 'MUST',
        quote: 'A client MUST acknowledge each roster push with an IQ stanza of type "result"',
      },
      '6120': {
        doc: 'RFC 6120',
        section: '8.2.3',
        keyword: 'MUST',
        // RFC 6121 §2.1.6 itself says only that each resource "is supposed to reply" to a roster push: no keyword
        quote: 'An entity that receives an IQ request of type "get" or "set" MUST reply with an IQ response of type "result" or "error".',
      },
    },
    requirement: 'The client acknowledges a valid roster push: with an IQ result (RFC 3921 §8.1); RFC 6120 §8.2.3 accepts any IQ response.',
    async run(t) {
      const answer = await serverPush(t, x('query', { xmlns: NS.roster }, x('item', { jid: `benvolio@${t.domain}`, name: 'Benvolio', subscription: 'none' })));
      if (t.baseline === '3920') {
        t.check(answer.attrs.type === 'result', 'an IQ result to the roster push', answer);
        return;
      }
      t.check(answer.attrs.type === 'result' || answer.attrs.type === 'error', 'an IQ result or error to the roster push', answer);
      // "There is no error case for client processing of roster pushes" (RFC 6121 §2.1.6): recorded
      t.outcome(answer.attrs.type === 'result' ? 'acknowledged with a result' : `answered with an error: ${describe(answer.getChild('error'))}`);
    },
  },
  {
    id: 'RFC6121-2.1.6-1',
    cite: {
      '3920': {
        section: '7.2',
        keyword: 'SHOULD',
        quote: 'For added safety, a client SHOULD check the "from" address of a "roster push" (incoming IQ of type "set" containing a roster item) to ensure that it is from a trusted source; … otherwise, the client SHOULD ignore the "roster push".',
      },
      '6120': {
        section: '2.1.6',
        keyword: 'MUST',
        quote: "A receiving client MUST ignore the stanza unless it has no 'from' attribute (i.e., implicitly from the bare JID of the user's account) or it has a 'from' attribute whose value matches the user's bare JID <user@domainpart>.",
      },
    },
    requirement: "The client ignores a roster push whose 'from' is neither absent nor its own account: it does not acknowledge it as a roster change (an error or no answer).",
    async run(t) {
      const forged = x('iq', { type: 'set', id: newId('forged') }, x('query', { xmlns: NS.roster }, x('item', { jid: `rosaline@${t.domain}`, subscription: 'both' })));
      if (t.client.mode === 'listen') forged.attrs.from = t.client.peer;
      t.client.send(forged);
      const id = forged.attrs.id as string;
      // the client's answer to a later disco#info shows it has handled the push
      await nothingFromClient(t, iqStanza({ id, type: 'result' }), `result acknowledging the push from ${t.client.peer}`);
      const answer = t.client.received(iqStanza({ id, type: 'error' }))[0];
      t.outcome(answer ? `answered with an error${stanzaError(answer)?.condition ? ` <${stanzaError(answer)!.condition}/>` : ''}` : 'no answer');
    },
  },
  {
    id: 'RFC3921-3-2',
    cite: {
      '3920': {
        section: '3',
        keyword: 'MUST',
        quote: 'Upon being so informed that session establishment is required (and after completing resource binding), the client MUST establish a session if it desires to engage in instant messaging and presence functionality',
      },
      '6120': { absent: 'RFC 6121 removed session establishment (App. E: "the content previously defined in Section 3 of RFC 3921 was removed")' },
    },
    requirement: 'A client offered the session feature (not marked optional) sends the session request after binding and before any presence, message or roster request.',
    async run(t) {
      const { negotiation, opening } = loginRecord(t);
      if (!negotiation.session) {
        const im = opening.filter(isImStanza);
        if (im.length === 0) return t.skip('the client sent no session request and no presence, message or roster request at the start of its session');
        t.check(false, 'the RFC 3921 session request (the tool offered the feature, not marked optional) before instant messaging and presence', `never sent; the client sent ${describe(im[0]!)}`);
        return;
      }
      // the session request itself is not among the opening stanzas: the ones before it come first
      const before = opening.slice(0, negotiation.stanzasBeforeSession);
      const im = before.filter(isImStanza);
      t.check(im.length === 0, 'the session request before any presence, message or roster request', `${im.length} before it: ${im.map((el) => describe(el, 120)).join(' ')}`);
      if (before.length > im.length) t.note(`${before.length - im.length} other stanza(s) came before the session request`);
    },
  },
]);
