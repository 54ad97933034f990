import { bare, type CaseContext, describe, stanzaError, type Suite, type SupportFinding } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { findMucService } from '../lib/muc-service.js';
import { MAM, query } from './archive.js';
import messageArchives from './3-message-archives.js';
import order from './3.1-order.js';
import archivingEntities from './3.3-archiving-entities.js';
import archiveId from './3.5-archive-id.js';
import querying from './4-querying.js';
import filtering from './4.1-filtering.js';
import results from './4.2-results.js';
import paging from './4.3-paging.js';
import metadata from './5-metadata.js';
import businessRules from './6-business-rules.js';
import support from './7-determining-support.js';
import security from './8-security.js';

/**
 * Support is behaviour: a query of the user's own archive (one result at most) is answered with
 * a result; <service-unavailable/> or <feature-not-implemented/> means absent. The account's
 * disco#info is where MAM is advertised (§7). The MUC service, if any, is kept for the room
 * archive cases.
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const account = bare(s.jid!);
  const answer = await query(s, { max: 1 });
  const advertised = (await discoInfo(s, account)).features.includes(MAM);
  const listed = `the disco#info of ${account} ${advertised ? 'lists' : 'does not list'} ${MAM}`;
  const { service } = await findMucService(s, t.domain);
  const base = { advertised, entity: `account ${account}`, ...(service ? { facts: { service: service.jid } } : {}) };
  if (answer.response.attrs.type === 'result') return { ...base, supported: true, detail: `a query of the account's archive answered with a result; ${listed}` };
  const condition = stanzaError(answer.response)?.condition;
  if (condition === 'service-unavailable' || condition === 'feature-not-implemented') {
    return { ...base, supported: false, detail: `a query of the account's archive answered <${condition}/>; ${listed}` };
  }
  throw new Error(`a query of the account's archive answered neither a result nor <service-unavailable/>: ${describe(answer.response, 300)}`);
}

/** XEP-0313 Message Archive Management, the server side (the user's archive and room archives), v1.1.0. */
export const xep0313: Suite = {
  spec: 'xep-0313',
  role: 'server',
  probe,
  cases: [
    ...messageArchives, ...order, ...archivingEntities, ...archiveId, ...querying, ...filtering, ...results, ...paging,
    ...metadata, ...businessRules, ...support, ...security,
  ],
};
