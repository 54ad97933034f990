import { defineCases } from '../../../src/engine/case.js';
import { iqStanza, match } from '../../../src/session/match.js';
import { newId, stanzaError } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { stayedSilent, UNKNOWN_NS, unknownIq } from '../../lib/client.js';

/** RFC 6120 §8 (RFC 3920 §9), client side: IQ semantics and errors. */
export default defineCases({ spec: 'xmpp-core', role: 'client' }, [
  {
    id: 'RFC6120-8.2.3-5',
    section: '8.2.3',
    keyword: 'MUST',
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
    section: '8.2.3',
    keyword: 'MUST NOT',
    requirement: 'The client does not answer IQ stanzas of type result or error.',
    async run(t) {
      const ids = [newId('unsolicited'), newId('unsolicited')];
      t.client.send(x('iq', { type: 'result', id: ids[0] }));
      t.client.send(x('iq', { type: 'error', id: ids[1] }, x('error', { type: 'cancel' }, x('item-not-found', { xmlns: NS.stanzaErrors }))));
      const reply = await stayedSilent(t, iqStanza({ where: (el) => ids.includes(el.attrs.id as string) }, 'an answer to the unsolicited result or error'));
      t.check(reply === undefined, 'no answer to an IQ result or an IQ error', reply);
    },
  },
  {
    id: 'RFC6120-8.3.1-3',
    section: '8.3.1',
    keyword: 'MUST NOT',
    requirement: 'The client does not answer error stanzas with errors.',
    async run(t) {
      const id = newId('error');
      t.client.send(x('message', { type: 'error', id }, x('error', { type: 'cancel' }, x('service-unavailable', { xmlns: NS.stanzaErrors }))));
      t.client.send(x('presence', { type: 'error', id }, x('error', { type: 'cancel' }, x('remote-server-not-found', { xmlns: NS.stanzaErrors }))));
      const reply = await stayedSilent(t, match('an error in answer to the error stanzas', (el) => el.attrs.type === 'error' && el.attrs.id === id));
      t.check(reply === undefined, 'no error stanza in answer to an error stanza', reply);
    },
  },
]);
