import { defineCases, type SupportFinding, type Suite } from '../../../src/engine/case.js';
import type { CaseContext } from '../../../src/engine/context.js';
import { Skip } from '../../../src/engine/errors.js';
import { iqStanza } from '../../../src/session/match.js';
import { bare, token } from '../../../src/session/stanza.js';
import { x, type Element } from '../../../src/xml/element.js';
import { NS } from '../../../src/xml/namespaces.js';
import { requestProbe, serverPush } from '../../lib/client.js';

/** A blocking command of the client's, for `jid`, found by name (block or unblock). */
function blockingRequest(command: 'block' | 'unblock', jid: string) {
  return iqStanza({ type: 'set', where: (el) => el.getChild(command, NS.blocking)?.getChildren('item').some((i) => i.attrs.jid === jid) ?? false }, `a <${command}/> of ${jid}`);
}

/** The request goes to the user's own account: no 'to', or its bare JID (XEP-0191 §3.3). */
function toOwnAccount(request: Element, own: string): boolean {
  return !request.attrs.to || request.attrs.to.toLowerCase() === bare(own).toLowerCase();
}

const blockListAtLogin = requestProbe(NS.blocking, 'the blocking command');

/**
 * Supported when the client asked for its block list at login or, failing that, sends a
 * <block/> when the user is asked to block someone: a client may fetch nothing at login and
 * still block (XEP-0191 §3.3). Without a way to act, support stays unknown: not run.
 */
async function blockingProbe(t: CaseContext): Promise<SupportFinding> {
  const atLogin = await blockListAtLogin(t);
  if (atLogin.supported) return atLogin;
  const jid = `rosaline-${token(2)}@${t.domain}`;
  try {
    await t.act({ kind: 'block', jid }, blockingRequest('block', jid));
  } catch (err) {
    if (err instanceof Skip && err.kind === 'not-applicable') return { ...atLogin, detail: `${atLogin.detail}, and ${err.reason}` };
    throw err;
  }
  return { ...atLogin, supported: true, detail: `${atLogin.detail}, but it blocked ${jid} when the user asked` };
}

/** XEP-0191 Blocking Command for clients: the commands a client sends, and the pushes it acknowledges. */
export const xep0191Client: Suite = {
  spec: 'xep-0191',
  role: 'client',
  probe: blockingProbe,
  cases: defineCases({ spec: 'xep-0191', role: 'client' }, [
    {
      id: 'XEP0191-3.3-8',
      cite: { section: '3.3', keyword: 'MUST', quote: '' },
      requirement: "Blocking a JID is an IQ set to the user's own account with <block xmlns='urn:xmpp:blocking'><item jid='…'/></block>.",
      async run(t) {
        const jid = `tybalt-${token(2)}@${t.domain}`;
        const request = await t.act({ kind: 'block', jid }, blockingRequest('block', jid));
        t.check(toOwnAccount(request, t.client.jid), "no 'to', or the user's own bare JID", request);
      },
    },
    {
      id: 'XEP0191-3.4-2',
      cite: { section: '3.4', keyword: 'MUST', quote: '' },
      requirement: "Unblocking a JID is an IQ set to the user's own account with <unblock xmlns='urn:xmpp:blocking'><item jid='…'/></unblock>.",
      async run(t) {
        const jid = `tybalt-${token(2)}@${t.domain}`;
        await t.act({ kind: 'block', jid }, blockingRequest('block', jid));
        const request = await t.act({ kind: 'unblock', jid }, blockingRequest('unblock', jid));
        t.check(toOwnAccount(request, t.client.jid), "no 'to', or the user's own bare JID", request);
      },
    },
    {
      id: 'XEP0191-3.3-9',
      cite: { section: '3.3', keyword: 'MUST', quote: '' },
      requirement: 'The client acknowledges a block push from its server with an IQ result (RFC 6120 §8.2.3).',
      async run(t) {
        const answer = await serverPush(t, x('block', { xmlns: NS.blocking }, x('item', { jid: `paris@${t.domain}` })));
        t.check(answer.attrs.type === 'result', 'an IQ result to the block push', answer);
      },
    },
  ]),
};
