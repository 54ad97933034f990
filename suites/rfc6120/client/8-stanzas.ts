import { type CaseContext, defineCases, type Element, iqStanza, match, newId, NS, x } from '../../../src/authoring.js';
import { nothingFromClient, UNKNOWN_NS, unknownIq } from '../../lib/client.js';

/**
 * Judges the client's answer to an IQ in a namespace it cannot know. RFC 6120 §8.4: an error with
 * <service-unavailable/> (MUST). RFC 3920 §9.2.3 only demands an answer, which the wait for it
 * judged; RFC 3921 §2.4 adds that it SHOULD be a <service-unavailable/> error.
 */
function judgeAnswer(t: CaseContext, answer: Element, what: string): void {
  if (t.baseline === '6120') {
    const error = t.expectError(answer, ['service-unavailable'], 'must');
    return t.outcome(`${what}: <${error?.condition}/>`);
  }
  const error = answer.attrs.type === 'error' ? t.expectError(answer, [], 'must') : undefined;
  t.outcome(`${what}: ${error ? `<${error.condition}/>` : `an IQ of type ${answer.attrs.type}`}`);
  t.should(error?.condition === 'service-unavailable', `a <service-unavailable/> error for ${what} (RFC 3921 §2.4: SHOULD)`, answer);
}

/** RFC 6120 §8 (RFC 3920 §9), client side: IQ semantics and errors. */
export default defineCases({ spec: 'xmpp-core', role: 'client' }, [
  {
    id: 'RFC6120-8.2.3-5',
    cite: {
      '3920': {
        section: '9.2.3',
        keyword: 'MUST',
        quote: "An entity that receives an IQ request of type \"get\" or \"set\" MUST reply with an IQ response of type \"result\" or \"error\" (the response MUST preserve the 'id' attribute of the request).",
        changed: 'RFC 6120 §8.4 requires a <service-unavailable/> error (MUST); under RFC 3920 that is RFC 3921 §2.4, a SHOULD',
      },
      '6120': {
        section: '8.4',
        keyword: 'MUST',
        quote: 'If an intended recipient receives an IQ stanza of type "get" or "set" containing a child element qualified by a namespace it does not understand, then the entity MUST return an IQ stanza of type "error" with an error condition of <service-unavailable/>.',
      },
    },
    requirement: 'The client answers every IQ get and set, never silence: one in an unknown namespace gets an error <service-unavailable/> (RFC 6120 MUST; RFC 3921 §2.4 SHOULD).',
    async run(t) {
      judgeAnswer(t, await t.client.iq(unknownIq()), 'a get in an unknown namespace');
      judgeAnswer(t, await t.client.iq(x('iq', { type: 'set' }, x('query', { xmlns: UNKNOWN_NS }))), 'a set in an unknown namespace');
    },
  },
  {
    id: 'RFC6120-8.2.3-6',
    cite: {
      '3920': {
        section: '9.2.3',
        keyword: 'MUST NOT',
        quote: 'An entity that receives a stanza of type "result" or "error" MUST NOT respond to the stanza by sending a further IQ response of type "result" or "error"; …',
      },
      '6120': {
        section: '8.2.3',
        keyword: 'MUST NOT',
        quote: 'An entity that receives a stanza of type "result" or "error" MUST NOT respond to the stanza by sending a further IQ response of type "result" or "error"; …',
      },
    },
    requirement: 'The client does not answer IQ stanzas of type result or error.',
    async run(t) {
      const ids = [newId('unsolicited'), newId('unsolicited')];
      t.client.send(x('iq', { type: 'result', id: ids[0] }));
      t.client.send(x('iq', { type: 'error', id: ids[1] }, x('error', { type: 'cancel' }, x('item-not-found', { xmlns: NS.stanzaErrors }))));
      await nothingFromClient(t, iqStanza({ where: (el) => ids.includes(el.attrs.id as string) }, 'an answer to the unsolicited result or error'), 'answer to an IQ result or an IQ error');
    },
  },
  {
    id: 'RFC6120-8.3.1-3',
    cite: {
      '3920': { section: '9.3.1', keyword: 'MUST NOT', quote: 'An entity that receives an error stanza MUST NOT respond to the stanza with a further error stanza; this helps to prevent looping.' },
      '6120': { section: '8.3.1', keyword: 'MUST NOT', quote: 'An entity that receives an error stanza MUST NOT respond to the stanza with a further error stanza; this helps to prevent looping.' },
    },
    requirement: 'The client does not answer error stanzas (a message and a presence of type error) with errors.',
    async run(t) {
      const id = newId('error');
      t.client.send(x('message', { type: 'error', id }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }))));
      t.client.send(x('presence', { type: 'error', id }, x('error', { type: 'cancel' }, x('remote-server-not-found', { xmlns: NS.stanzaErrors }))));
      await nothingFromClient(t, match('an error in answer to the error stanzas', (el) => el.attrs.type === 'error' && el.attrs.id === id), 'error stanza in answer to an error stanza');
    },
  },
]);
