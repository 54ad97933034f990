import { bare, type CaseContext, defineCases, type Element, message, NS, token, x } from '../../../src/authoring.js';
import { chatStates, clientDisco, nothingFromClient } from '../../lib/client.js';

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

/** Messages from the client to `partner` that carry a chat state, standalone notifications included. */
function statesTo(partner: string) {
  return message({ where: (el) => bare(el.attrs.to ?? '') === partner && chatStates(el).length > 0 }, `a chat state to ${partner}`);
}

/** XEP-0085 §4–5 (v1.2, which both client levels cite), client side: chat states in the messages a client sends. */
export default defineCases({ spec: 'xep-0085', role: 'client' }, [
  {
    id: 'XEP0085-4-1',
    cite: {
      section: '4',
      anchor: 'disco',
      keyword: 'MUST',
      quote: 'If an entity supports the Chat State Notifications protocol, it MUST advertise that fact in its responses to Service Discovery information ("diso#info") requests by returning a feature of "http://jabber.org/protocol/chatstates"',
    },
    requirement: 'A client that sends chat states lists http://jabber.org/protocol/chatstates in its disco#info (one that does not list it is watched sending a message).',
    evidence: 'advertisement',
    // support is known from the advertisement itself: without it, behaviour decides
    needsSupport: false,
    async run(t) {
      const info = await clientDisco(t);
      if (info.features.includes(NS.chatStates)) return t.outcome(`the client lists ${NS.chatStates}`);
      // not listed: a client that still sends chat states breaks the MUST
      const partner = newPartner(t);
      const sent = await userMessage(t, partner);
      const states = [...new Set([...chatStates(sent), ...t.client.received(statesTo(partner)).flatMap(chatStates)])];
      if (states.length === 0) return t.skip('the client neither lists chat states nor sends them: it does not support XEP-0085', 'not-applicable');
      t.check(false, `the feature ${NS.chatStates} listed by a client that sends chat states (${states.join(', ')})`, info.features.join(' ') || info.response);
    },
  },
  {
    id: 'XEP0085-5.3-2',
    cite: {
      section: '5.3',
      anchor: 'bizrules-rep',
      keyword: 'SHOULD',
      quote: 'However, every content message SHOULD contain an <active/> notification.',
    },
    requirement: 'A message with content carries <active/> (§5.3), and no other state (§5.6: SHOULD NOT).',
    async run(t) {
      const sent = await userMessage(t, newPartner(t));
      const states = chatStates(sent);
      t.check(states.includes('active'), 'an <active/> chat state on the message', states.join(', ') || 'none');
      t.should(states.every((s) => s === 'active'), 'no chat state other than <active/> on a content message (§5.6)', states.join(', '));
    },
  },
  {
    id: 'XEP0085-5.6-1',
    cite: {
      section: '5.6',
      anchor: 'bizrules-syntax',
      keyword: 'MUST NOT',
      quote: "A message stanza MUST NOT contain more than one child element qualified by the 'http://jabber.org/protocol/chatstates' namespace.",
    },
    requirement: 'A message the client sends, with content or standalone, holds at most one chat-state element.',
    async run(t) {
      const partner = newPartner(t);
      const sent = await userMessage(t, partner);
      const messages = [sent, ...t.client.received(statesTo(partner)).filter((m) => m !== sent)].filter((m) => chatStates(m).length > 0);
      if (messages.length === 0) return t.skip(`the client sent ${partner} no chat state: nothing to count`, 'not-applicable');
      const crowded = messages.filter((m) => chatStates(m).length > 1);
      t.outcome(`${messages.length} message(s) with chat states to ${partner}: ${messages.map((m) => chatStates(m).join('+')).join(', ')}`);
      t.check(crowded.length === 0, 'at most one chat-state element in each message', crowded[0]);
    },
  },
  {
    id: 'XEP0085-5.1-2',
    cite: {
      section: '5.1',
      anchor: 'bizrules-gen',
      keyword: 'MUST NOT',
      quote: 'If the Contact replies to the initial content message but does not include a chat state notification extension, the User MUST NOT send subsequent chat state notifications to the Contact.',
    },
    requirement: 'When the contact answers without a chat-state element, no further chat states go to it, on a message or alone.',
    async run(t) {
      const partner = newPartner(t);
      const notifications = statesTo(partner);
      const first = await userMessage(t, partner);
      if (chatStates(first).length === 0 && t.client.received(notifications).length === 0) return t.skip('the client sent no chat state to begin with', 'not-applicable');
      // the partner answers with a plain message: it does not do chat states
      t.client.clearInbox();
      t.client.send(x('message', { type: 'chat', from: t.client.mode === 'listen' ? `${partner}/phone` : undefined }, x('body', {}, 'a reply without chat states')));
      await userMessage(t, partner);
      // the client's answer to a later disco#info shows it has sent whatever it would after the message
      await nothingFromClient(t, notifications, 'chat state, on a message or alone, to a partner that answered without any');
    },
  },
]);
