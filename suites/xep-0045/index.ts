import { type CaseContext, describe, NS, type Suite, type SupportFinding } from '../../src/authoring.js';
import { findMucService } from '../lib/muc-service.js';
import entity from './6-entity-use-cases.js';
import orderOfEvents from './7.1-order-of-events.js';
import entering from './7.2-entering-a-room.js';
import messages from './7.4-messages.js';
import privateMessages from './7.5-private-messages.js';
import nickChanges from './7.6-nick-changes.js';
import availability from './7.7-availability.js';
import invitations from './7.8-invitations.js';
import registration from './7.10-registration.js';
import reservedNick from './7.12-reserved-nick.js';
import exiting from './7.14-exiting.js';
import moderator from './8-moderator.js';
import admin from './9-admin.js';
import owner from './10-owner.js';
import businessRules from './17-business-rules.js';
import { destroy, enter, freshRoomOn, hasStatus, instantForm, ownerIq } from './room.js';

/**
 * Finds the MUC service (§6.1): the server itself or one of its disco#items whose disco#info
 * shows identity conference/text or the muc feature. Support is behaviour: a fresh room on it
 * can be created and joined (§10.1); the room is then unlocked and destroyed again.
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const { service: found, items } = await findMucService(s, t.domain);
  if (!found) {
    return {
      supported: false,
      advertised: false,
      entity: `server ${t.domain}`,
      detail: `neither ${t.domain} nor any of its ${items} disco#items shows identity conference/text or the ${NS.muc} feature`,
    };
  }
  const advertised = found.info.features.includes(NS.muc);
  const facts = { service: found.jid };
  const room = freshRoomOn(found.jid);
  const { answer } = await enter(s, room, 'probe');
  if (answer.attrs.type === 'error') {
    return { supported: false, advertised, entity: found.entity, facts, detail: `${found.jid} refused to create the room ${room}: ${describe(answer)}` };
  }
  // unlocked and destroyed so nothing stays behind; their answers are for the record only
  const unlocked = await ownerIq(s, room, 'set', instantForm());
  const destroyed = await destroy(s, room);
  const created = hasStatus(answer, '201') ? 'created (status 201) and joined' : 'joined (no status 201)';
  return {
    supported: true,
    advertised,
    entity: found.entity,
    facts,
    detail: `${found.jid}: a fresh room was ${created}; unlocking it as an instant room got ${unlocked.attrs.type as string}, destroying it ${destroyed.attrs.type as string}`,
  };
}

/** XEP-0045 Multi-User Chat, the service side: every use-case group, in section order. */
export const xep0045: Suite = {
  spec: 'xep-0045',
  role: 'server',
  probe,
  cases: [
    ...entity, ...orderOfEvents, ...entering, ...messages, ...privateMessages, ...nickChanges, ...availability, ...invitations,
    ...registration, ...reservedNick, ...exiting, ...moderator, ...admin, ...owner, ...businessRules,
  ],
};
