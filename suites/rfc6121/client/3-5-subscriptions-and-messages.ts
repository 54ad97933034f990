import { defineCases } from '../../../src/engine/case.js';
import { message, presence } from '../../../src/session/match.js';
import { bare, resourceOf, token } from '../../../src/session/stanza.js';
import { x } from '../../../src/xml/element.js';
import { newContact } from '../../lib/client.js';

/** RFC 6121 §3 and §5 (RFC 3921 §6, §4), client side: what the client sends when its user acts. */
export default defineCases({ spec: 'xmpp-im', role: 'client' }, [
  {
    id: 'RFC6121-3.1.1-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '3.1.1', keyword: 'SHOULD', quote: '' },
    },
    requirement: "A subscription request goes to the contact's bare JID.",
    async run(t) {
      const contact = newContact(t, `benvolio-${token(2)}`);
      const request = await t.act({ kind: 'add-contact', jid: contact }, presence({ type: 'subscribe', where: (el) => bare(el.attrs.to ?? '') === contact }, `a subscription request to ${contact}`));
      t.check(resourceOf(request.attrs.to!) === undefined, `to='${contact}' (a bare JID)`, request);
    },
  },
  {
    id: 'RFC6121-5.1-1',
    cite: {
      '3920': { section: '', keyword: 'SHOULD', quote: '' },
      '6120': { section: '5.1, 5.2.5', keyword: 'SHOULD', quote: '' },
    },
    requirement: "In a one-to-one chat the client sends type='chat' (whether it echoes the <thread/> it received is recorded).",
    async run(t) {
      const thread = `thread-${token(4)}`;
      t.client.send(x('message', { type: 'chat' }, x('body', {}, 'Shall we talk?'), x('thread', {}, thread)));
      const body = `reply ${token(3)}`;
      const peer = bare(t.client.peer);
      const sent = await t.act({ kind: 'send-message', to: peer, body }, message({ where: (el) => bare(el.attrs.to ?? '') === peer && el.getChildText('body') === body }, `the message "${body}" to ${peer}`));
      t.check(sent.attrs.type === 'chat', "type='chat'", sent);
      // whether the user's message counts as a reply in that thread is the client's reading: recorded, not judged
      const echoed = sent.getChildText('thread');
      t.outcome(echoed === thread ? 'the thread was echoed' : echoed ? `a thread of its own ('${echoed}')` : 'no thread');
    },
  },
]);
