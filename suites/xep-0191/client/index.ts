import { type CaseContext, NS, Skip, type Suite, type SupportFinding, token } from '../../../src/authoring.js';
import { requestProbe } from '../../lib/client.js';
import commands from './3-blocking-and-unblocking.js';
import { blockingRequest } from './blocking-request.js';

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
    if (err instanceof Skip && err.kind === 'unsupported') return { ...atLogin, detail: `${atLogin.detail}, and ${err.reason}` };
    throw err;
  }
  return { ...atLogin, supported: true, detail: `${atLogin.detail}, but it blocked ${jid} when the user asked` };
}

/** XEP-0191 Blocking Command for clients: the commands a client sends, and the pushes it acknowledges. */
export const xep0191Client: Suite = {
  spec: 'xep-0191',
  role: 'client',
  probe: blockingProbe,
  cases: commands,
};
