import { defineCases } from '../../../src/engine/case.js';
import type { CaseContext } from '../../../src/engine/context.js';
import { message } from '../../../src/session/match.js';
import { bare, token } from '../../../src/session/stanza.js';
import { x, type Element } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { chatStates, clientDisco } from '../../lib/client.js';

/**
 * Someone new to the client: it cannot know whether they do chat states, which is when
 * XEP-0085 §5.1 has the first message carry one (in peer mode, the peer account).
 */
function newPartner(t: CaseContext): string {
  return t.client.mode === 'listen' ? `juliet-${token(3)}@${t.domain}` : bare(t.client.peer);
}

/** Has the user send a chat message to `to`, and returns it as sent. */
function userMessage(t: CaseContext, to: string): Promise<Element> {
  const body = `hello ${token(3)}`;
  return t.act({ kind: 'send-message', to, body }, message({ where: (el) => bare(el.attrs.to ?? '') === to && el.getChildText('body') === body }, `the message "${body}" to ${to}`));
}

/** XEP-0085 §4–5, client side: chat states in the messages a client sends. */
export default defineCases({ spec: 'xep-0085', role: 'client' }, [
  {
    id: 'XEP0085-4-1',
    cite: { section: '4', keyword: 'MUST', quote: '' },
    requirement: 'A supporting client lists http://jabber.org/protocol/chatstates in its disco#info.',
    async run(t) {
      const info = await clientDisco(t);
      t.check(info.features.includes(NS.chatStates), `the feature ${NS.chatStates}`, info.features.join(' '));
    },
  },
  {
    id: 'XEP0085-5.3-2',
    cite: { section: '5.3, 5.6', keyword: 'SHOULD', quote: '' },
    requirement: 'A message with content carries <active/>, and no other state.',
    async run(t) {
      const sent = await userMessage(t, newPartner(t));
      t.check(chatStates(sent).join() === 'active', 'exactly one chat state, <active/>', chatStates(sent).join(', ') || 'none');
    },
  },
  {
    id: 'XEP0085-5.6-1',
    cite: { section: '5.6', keyword: 'MUST', quote: '' },
    requirement: 'A message holds at most one chat-state element, and chat states ride only on messages of type chat.',
    async run(t) {
      const sent = await userMessage(t, newPartner(t));
      const states = chatStates(sent);
      t.check(states.length <= 1, 'at most one chat-state element', states.join(', '));
      t.check(states.length === 0 || (sent.attrs.type ?? 'normal') === 'chat', "chat states only on type='chat'", sent);
    },
  },
  {
    id: 'XEP0085-5.1-2',
    cite: { section: '5.1', keyword: 'MUST NOT', quote: '' },
    requirement: 'When the peer answers without a chat-state element, no further notifications go to it.',
    async run(t) {
      const partner = newPartner(t);
      // standalone notifications (composing, …) count as much as states on the message
      const notifications = message({ where: (el) => bare(el.attrs.to ?? '') === partner && chatStates(el).length > 0 }, `a chat state to ${partner}`);
      const first = await userMessage(t, partner);
      if (chatStates(first).length === 0 && t.client.received(notifications).length === 0) return t.skip('the client sent no chat state to begin with', 'not-applicable');
      // the partner answers with a plain message: it does not do chat states
      t.client.clearInbox();
      t.client.send(x('message', { type: 'chat', from: t.client.mode === 'listen' ? `${partner}/phone` : undefined }, x('body', {}, 'a reply without chat states')));
      const second = await userMessage(t, partner);
      const states = [...chatStates(second), ...t.client.received(notifications).flatMap(chatStates)];
      t.check(states.length === 0, 'no chat state, on a message or alone, to a partner that answered without any', states.join(', '));
    },
  },
]);
