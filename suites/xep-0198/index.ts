import { type CaseContext, describe, type Suite, type SupportFinding, x } from '../../src/authoring.js';
import enabling from './3-enabling.js';
import acks from './4-acks.js';
import resumption from './5-resumption.js';
import errors from './6-error-handling.js';
import { isSm, SM, smAnswer } from './sm.js';

/**
 * Support is behaviour: after binding, an <enable/> is answered with <enabled/>. A <failed/>, or
 * a stream error for an element the server does not know (RFC 6120 §4.9.3.22), means absent.
 * The <sm/> stream feature after authentication is what the server advertises.
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const advertised = s.features?.getChild('sm', SM) !== undefined;
  const listed = advertised ? `the stream features list <sm xmlns='${SM}'/>` : `the stream features do not list <sm xmlns='${SM}'/>`;
  const entity = `server ${t.domain}`;
  await s.sync();
  s.send(x('enable', { xmlns: SM }));
  const answer = await s.expect(smAnswer('enabled', 'failed')).catch(() => undefined);
  if (answer && isSm(answer, 'enabled')) return { supported: true, advertised, entity, detail: `<enable/> answered with <enabled/>; ${listed}` };
  const what = answer ? describe(answer, 200) : `no answer (${s.closedReason ?? 'the stream went on'})`;
  return { supported: false, advertised, entity, detail: `<enable/> answered with ${what}; ${listed}` };
}

/** XEP-0198 Stream Management, the server side, v1.6.1. */
export const xep0198: Suite = {
  spec: 'xep-0198',
  role: 'server',
  probe,
  cases: [...enabling, ...acks, ...resumption, ...errors],
};
