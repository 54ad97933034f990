import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0410 MUC Self-Ping (Schrödinger's Chat), v1.1.0 (2019-09-25), the version in force when
 * XEP-0479 was published. The self-ping itself needs no server support (the room routes the
 * ping to one of the user's clients); what binds a service is the optimization of §3.3, which it
 * advertises on the room JIDs.
 */
const OPTIMIZATION = 'A service implementing this optimization needs to advertise the http://jabber.org/protocol/muc#self-ping-optimization feature in the … disco#info response on the individual MUC room JIDs, and it MUST respond to a self-ping request as follows:';

export default requirementsOf({ spec: 'xep-0410', version: '1.1.0' }, [
  {
    id: 'XEP0410-3.3-1', roles: ['server'], section: '3.3', anchor: 'serveroptimization', keyword: 'MUST', quote: OPTIMIZATION,
    requirement: "A service with the self-ping optimization answers a joined occupant's ping to its own occupant JID with a result itself, without asking the occupant's client.",
    sketch: "Join a fresh room with a session that does not answer pings; ping the own occupant JID: a result comes back and no ping reaches the session.",
    flags: ['MUC'],
  },
  {
    id: 'XEP0410-3.3-2', roles: ['server'], section: '3.3', anchor: 'serveroptimization', keyword: 'MUST', quote: OPTIMIZATION,
    requirement: 'A service with the self-ping optimization answers a ping to an occupant JID from a user not joined as it with <not-acceptable/>.',
    sketch: 'Join and leave a fresh room; ping the occupant JID just left: <not-acceptable/>.',
    flags: ['MUC'],
  },
]);
