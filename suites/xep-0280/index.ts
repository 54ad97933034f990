import type { CaseContext, Suite, SupportFinding } from '../../src/authoring.js';
import { CARBONS, carbonsIq } from '../lib/carbons.js';
import { findMucService } from '../lib/muc-service.js';
import { probeServerFeature } from '../lib/probe.js';
import eligible from './6-messages-eligible.js';
import receiving from './7-receiving.js';
import sending from './8-sending.js';
import avoiding from './9-avoiding.js';
import businessRules from './10-business-rules.js';

/**
 * Support is behaviour: enabling carbons is answered with a result (§4). The MUC service, if
 * the server has one, is kept for the cases on groupchat messages (§6.1).
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const finding = await probeServerFeature(t, carbonsIq('enable'), CARBONS, 'enabling carbons');
  const { service } = await findMucService(await t.login(t.accounts[0]!), t.domain);
  return service ? { ...finding, facts: { service: service.jid } } : finding;
}

/** XEP-0280 Message Carbons, the server side, v1.0.1. */
export const xep0280: Suite = {
  spec: 'xep-0280',
  role: 'server',
  probe,
  cases: [...eligible, ...receiving, ...sending, ...avoiding, ...businessRules],
};
