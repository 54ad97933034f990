import { bare, defineCases, type Element, NS, token, x } from '../../../src/authoring.js';
import { serverPush } from '../../lib/client.js';
import { blockingRequest } from './blocking-request.js';

/** The request goes to the user's own account: no 'to', or its bare JID (XEP-0191 §3.3). */
function toOwnAccount(request: Element, own: string): boolean {
  return !request.attrs.to || request.attrs.to.toLowerCase() === bare(own).toLowerCase();
}

/** XEP-0191 §3.3 and §3.4: the block and unblock commands a client sends, and its answer to a block push. */
export default defineCases({ spec: 'xep-0191', role: 'client' }, [
  {
    id: 'XEP0191-3.3-8',
    cite: { absent: "v1.1 §5.3 says the client \"shall send an IQ-set with no 'to' address\": a lower-case 'shall', no RFC 2119 keyword (v1.3 §3.3 words it the same)" },
    requirement: "Blocking a JID is an IQ set to the user's own account with <block xmlns='urn:xmpp:blocking'><item jid='…'/></block>.",
    async run(t) {
      const jid = `tybalt-${token(2)}@${t.domain}`;
      const request = await t.act({ kind: 'block', jid }, blockingRequest('block', jid));
      t.check(toOwnAccount(request, t.client.jid), "no 'to', or the user's own bare JID", request);
    },
  },
  {
    id: 'XEP0191-3.3-9',
    // XEP-0191 v1.1 says nothing of the client's answer to a push: the IQ rules of the core
    // RFC the 2009 levels were approved against make it answer
    cite: {
      doc: 'RFC 3920',
      section: '9.2.3',
      keyword: 'MUST',
      quote: 'An entity that receives an IQ request of type "get" or "set" MUST reply with an IQ response of type "result" or "error" (the response MUST preserve the \'id\' attribute of the request).',
      changed: 'RFC 6120 §8.2.3 says the same',
    },
    requirement: 'The client answers a block push from its server (an IQ set) with an IQ result or error, never silence.',
    async run(t) {
      const answer = await serverPush(t, x('block', { xmlns: NS.blocking }, x('item', { jid: `paris@${t.domain}` })));
      t.check(answer.attrs.type === 'result' || answer.attrs.type === 'error', 'an IQ result or error in answer to the block push', answer);
      if (answer.attrs.type === 'error') t.expectError(answer, []);
      t.outcome(`an IQ ${answer.attrs.type} to the block push`);
    },
  },
  {
    id: 'XEP0191-3.4-2',
    cite: { absent: "v1.1 §5.4 says the client \"shall send an IQ-set with no 'to' address\": a lower-case 'shall', no RFC 2119 keyword (v1.3 §3.4 words it the same)" },
    requirement: "Unblocking a JID is an IQ set to the user's own account with <unblock xmlns='urn:xmpp:blocking'><item jid='…'/></unblock>.",
    async run(t) {
      const jid = `tybalt-${token(2)}@${t.domain}`;
      await t.act({ kind: 'block', jid }, blockingRequest('block', jid));
      const request = await t.act({ kind: 'unblock', jid }, blockingRequest('unblock', jid));
      t.check(toOwnAccount(request, t.client.jid), "no 'to', or the user's own bare JID", request);
    },
  },
]);
