import { defineCases } from '../../../src/engine/case.js';
import { iqStanza, match } from '../../../src/session/match.js';
import { newId, stanzaError } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { nothingFromClient, UNKNOWN_NS, unknownIq } from '../../lib/client.js';

/** RFC 6120 §8 (RFC 3920 §9), client side: IQ semantics and errors. */
export default defineCases({ spec: 'xmpp-core', role: 'client' }, [
  {
    id: 'RFC6120-8.2.3-5',
    cite: {
      '3920': { section: '', keyword: 'MUST', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST', quote: '' },
    },
    requirement: 'The client answers every IQ get and set: one in an unknown namespace gets an error (<service-unavailable/>, or <feature-not-implemented/>), never silence.',
    async run(t) {
      const answer = await t.client.iq(unknownIq());
      t.check(answer.attrs.type === 'error', 'an IQ error to a get in an unknown namespace', answer);
      const condition = stanzaError(answer)?.condition;
      t.outcome(`the condition <${condition ?? '?'}/>`);
      t.check(condition === 'service-unavailable' || condition === 'feature-not-implemented', 'the condition <service-unavailable/> (or <feature-not-implemented/>)', answer);
      const set = await t.client.iq(x('iq', { type: 'set' }, x('query', { xmlns: UNKNOWN_NS })));
      t.check(set.attrs.type === 'error', 'an IQ error to a set in an unknown namespace', set);
    },
  },
  {
    id: 'RFC6120-8.2.3-6',
    cite: {
      '3920': { section: '', keyword: 'MUST NOT', quote: '' },
      '6120': { section: '8.2.3', keyword: 'MUST NOT', quote: '' },
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
      '3920': { section: '', keyword: 'MUST NOT', quote: '' },
      '6120': { section: '8.3.1', keyword: 'MUST NOT', quote: '' },
    },
    requirement: 'The client does not answer error stanzas with errors.',
    async run(t) {
      const id = newId('error');
      t.client.send(x('message', { type: 'error', id }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }))));
      t.client.send(x('presence', { type: 'error', id }, x('error', { type: 'cancel' }, x('remote-server-not-found', { xmlns: NS.stanzaErrors }))));
      await nothingFromClient(t, match('an error in answer to the error stanzas', (el) => el.attrs.type === 'error' && el.attrs.id === id), 'error stanza in answer to an error stanza');
    },
  },
]);
