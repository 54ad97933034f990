import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { Session } from '../../src/session/session.js';
import { iq, query, stanzaError } from '../../src/session/stanza.js';
import { Element, describe } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { createRoom, freshRoom, granted, setAffiliation } from './room.js';

const REGISTER_FORM = `${NS.muc}#register`;

/** A registration request (§7.10) to the room. */
const registrationGet = (s: Session, room: string): Promise<Element> => s.iq(iq('get', { to: room }, query(NS.register)));

/** What a registration result holds: a muc#register form, or <registered/>. */
function registrationResult(response: Element): { form: boolean; registered: boolean } {
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.register) : undefined;
  const formType = q?.getChild('x', NS.dataForms)?.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value');
  return { form: formType === REGISTER_FORM, registered: q?.getChild('registered') !== undefined };
}

/** XEP-0045 §7.10: registering with a room. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.10-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.10', keyword: 'MUST', quote: '' }),
    requirement: 'A registration request gets a muc#register form, <not-allowed/> where restricted, <registered/> for a member; <item-not-found/> for a room that does not exist.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const user = await t.login(b!);
      const room = await createRoom(t, owner);
      const first = await registrationGet(user, room.jid);
      if (stanzaError(first)?.condition === 'service-unavailable') t.skip('the room does not support registration (<service-unavailable/>)');
      const unregistered = registrationResult(first);
      t.outcome(unregistered.form ? 'a muc#register form for a user who is not registered' : `a user who is not registered got ${describe(first, 160)}`);
      // every request first, so the transcript shows each answer whichever check fails
      const missing = await registrationGet(user, freshRoom(t));
      await granted(t, `make ${b!.jid} a member with a reserved nickname`, () => setAffiliation(owner, room.jid, b!.jid, 'member', { nick: 'registered-b' }));
      const member = await registrationGet(user, room.jid);
      t.check(unregistered.form || stanzaError(first)?.condition === 'not-allowed', `a ${REGISTER_FORM} form, or <not-allowed/>, for a user who is not registered`, first);
      t.expectError(missing, ['item-not-found']);
      t.check(registrationResult(member).registered, 'a result holding <registered/> for a member with a reserved nickname', member);
    },
  },
]);
