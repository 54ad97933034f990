import { defineCases, describe, type Element, iq, NS, query, sameIn, type Session, stanzaError } from '../../src/authoring.js';
import { createRoom, freshRoom, granted, setAffiliation } from './room.js';

const REGISTER_FORM = `${NS.muc}#register`;

/** A registration request (§7.10) to the room. */
const registrationGet = (s: Session, room: string): Promise<Element> => s.iq(iq('get', { to: room }, query(NS.register)));

/** What a registration result holds: a data form (and its FORM_TYPE), or XEP-0077's <registered/>. */
function registrationResult(response: Element): { form: boolean; formType?: string; registered: boolean } {
  const q = response.attrs.type === 'result' ? response.getChild('query', NS.register) : undefined;
  const form = q?.getChild('x', NS.dataForms);
  const formType = form?.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value') ?? undefined;
  return { form: form !== undefined, formType, registered: q?.getChild('registered') !== undefined };
}

/** XEP-0045 §7.10: registering with a room. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.10-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.10',
        keyword: 'MUST',
        quote: 'the room MUST return a <not-allowed/> error … If the user is already registered, the room MUST reply with an IQ stanza of type "result" that contains an empty <register/> element … If the room does not exist, the service MUST return an <item-not-found/> error. Otherwise, the room MUST then return a Data Form',
        anchor: 'register',
      }),
      '1.34.5': {
        section: '7.10',
        keyword: 'MUST',
        anchor: 'register',
        quote: 'If the room does not exist, the service MUST return an <item-not-found/> error. … If the user requesting registration requirements is not allowed to register with the room (e.g., because that privilege has been restricted), the room MUST return a <not-allowed/> error to the user. … If the user is already registered, as described in XEP-0077 the room MUST reply with an IQ stanza of type "result", which MUST contain an empty <registered/> element … Otherwise, the room MUST then return a Data Form to the user',
      },
    },
    requirement: "A registration request gets a data form (muc#register), or <not-allowed/> where restricted; a member gets a result marked registered (XEP-0077's <registered/>); a room that does not exist, <item-not-found/>. A service without registration (<service-unavailable/>) is not applicable.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const user = await t.login(b!);
      const room = await createRoom(t, owner);
      const first = await registrationGet(user, room.jid);
      // "If the room or service does not support registration, it MUST return a <service-unavailable/> error"
      if (stanzaError(first)?.condition === 'service-unavailable') t.skip('the room does not support registration (<service-unavailable/>)');
      const unregistered = registrationResult(first);
      const restricted = stanzaError(first)?.condition === 'not-allowed';
      t.outcome(unregistered.form ? `a data form (FORM_TYPE ${unregistered.formType ?? 'none'}) for a user who is not registered`
        : restricted ? 'registration is restricted: <not-allowed/>' : `a user who is not registered got ${describe(first, 160)}`);
      // every request first, so the transcript shows each answer whichever check fails
      const missing = await registrationGet(user, freshRoom(t));
      await granted(t, `make ${b!.jid} a member with a reserved nickname`, () => setAffiliation(owner, room.jid, b!.jid, 'member', { nick: 'registered-b' }));
      const member = await registrationGet(user, room.jid);
      if (first.attrs.type === 'error') t.expectError(first, ['not-allowed']);
      else t.check(unregistered.form, 'a data form, or <not-allowed/>, for a user who is not registered', first);
      if (unregistered.form && unregistered.formType !== REGISTER_FORM) t.note(`the form's FORM_TYPE is ${unregistered.formType ?? 'missing'}, not ${REGISTER_FORM}`);
      t.expectError(missing, ['item-not-found']);
      t.check(registrationResult(member).registered, 'a result holding <registered/> (XEP-0077) for a member with a reserved nickname', member);
    },
  },
]);
