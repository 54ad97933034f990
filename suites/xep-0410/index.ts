import { type CaseContext, describe, type Suite, type SupportFinding } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { findMucService } from '../lib/muc-service.js';
import { deferDestroy, enter, freshRoomOn, instantForm, ownerIq } from '../xep-0045/room.js';
import optimization from './3.3-server-optimization.js';
import { SELF_PING_OPTIMIZATION, selfPing } from './self-ping.js';

/**
 * Finds the MUC service and, in a fresh room, whether it answers a self-ping itself (the
 * optimization of v1.1.0 §3.3, which binds only a service that does it) and whether the room
 * advertises it. Either counts as support: advertised and not done is a failure of the cases.
 */
async function probe(t: CaseContext): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const { service, items } = await findMucService(s, t.domain);
  if (!service) return { supported: false, advertised: false, entity: `server ${t.domain}`, detail: `no MUC service among ${t.domain} and its ${items} disco#items` };
  const facts = { service: service.jid };
  const room = freshRoomOn(service.jid);
  const { answer } = await enter(s, room, 'probe');
  if (answer.attrs.type === 'error') throw new Error(`${service.jid} refused to create the room ${room}: ${describe(answer)}`);
  deferDestroy(t, s, room);
  await ownerIq(s, room, 'set', instantForm());
  const advertised = (await discoInfo(s, room)).features.includes(SELF_PING_OPTIMIZATION);
  const ping = await selfPing(s, `${room}/probe`);
  const answered = ping.answer?.attrs.type === 'result';
  const listed = `${room} ${advertised ? 'advertises' : 'does not advertise'} ${SELF_PING_OPTIMIZATION}`;
  const seen = ping.forwarded ? 'passed the self-ping on to the client' : `answered the self-ping itself with ${describe(ping.answer, 200)}`;
  return { supported: advertised || answered, advertised, entity: `component ${service.jid}`, facts, detail: `${listed}; the room ${seen}` };
}

/** XEP-0410 MUC Self-Ping, the service's optimization (v1.1.0 §3.3). */
export const xep0410: Suite = {
  spec: 'xep-0410',
  role: 'server',
  probe,
  cases: [...optimization],
};
