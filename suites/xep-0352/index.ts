import type { CaseContext, Suite, SupportFinding } from '../../src/authoring.js';
import { settled } from '../lib/sessions.js';
import businessRules from './5-business-rules.js';
import { active, CSI, inactive } from './csi.js';

/**
 * A server that supports CSI says so in its stream features after authentication (§4.1): that is
 * how a client finds out, and nothing else shows it. Support is that feature and the two nonzas
 * taken without a stream error (a ping round trip after them shows the stream went on).
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const advertised = s.features?.getChild('csi', CSI) !== undefined;
  const entity = `server ${t.domain}`;
  s.send(inactive());
  s.send(active());
  const alive = await settled(s);
  const taken = alive ? '<inactive/> and <active/> taken, the stream went on' : `the stream ended after <inactive/> and <active/> (${s.closedReason ?? 'closed'})`;
  if (!advertised) return { supported: false, advertised, entity, detail: `the stream features after authentication do not list <csi xmlns='${CSI}'/>; ${taken}` };
  return { supported: alive, advertised, entity, detail: `the stream features list <csi xmlns='${CSI}'/>; ${taken}` };
}

/** XEP-0352 Client State Indication, the server side, v1.0.0. */
export const xep0352: Suite = {
  spec: 'xep-0352',
  role: 'server',
  probe,
  cases: [...businessRules],
};
