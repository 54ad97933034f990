import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0215 External Service Discovery, v1.0.0 (2022-08-23), the version in force when XEP-0479 was
 * published ("STUN/TURN server discovery", required of every A/V Calling server level). v1.0.0
 * states no keyword on the credentials it hands out; their use at the named TURN server is what
 * "the list of external services it is aware of" (XEP0215-2-1) is for.
 */
export default requirementsOf({ spec: 'xep-0215', version: '1.0.0' }, [
  {
    id: 'XEP0215-2-1', roles: ['server'], section: '2', keyword: ['SHOULD', 'MAY'], anchor: 'protocol',
    quote: 'The responding entity (XMPP server or discovery service) SHOULD return the list of external services it is aware of, but MAY instead return an appropriate error, such as <service-unavailable/> if the responding entity does not support this protocol or <forbidden/> if the requesting entity does not have permission to receive the list of external services.',
    requirement: 'A <services/> query to the server returns the external services it knows (STUN/TURN for A/V calling), each usable where it names credentials.',
    sketch: "IQ-get <services xmlns='urn:xmpp:extdisco:2'/> to D; for a TURN service with username/password, allocate at host:port with them.",
    flags: ['EXT'],
  },
  {
    id: 'XEP0215-2-2', roles: ['server'], section: '2', keyword: 'REQUIRED', anchor: 'protocol',
    quote: 'host Either a fully qualified domain name (FQDN) or an IP address (IPv4 or IPv6). REQUIRED … type The service type as registered with the XMPP Registrar. REQUIRED',
    requirement: "Every <service/> carries 'host' and 'type'.",
  },
  {
    id: 'XEP0215-2-3', roles: ['server'], section: '2', keyword: 'MUST', anchor: 'protocol',
    quote: 'The format MUST adhere to the dateTime format specified in XMPP Date and Time Profiles (XEP-0082) and MUST be expressed in UTC.',
    requirement: "An 'expires' on a service is an XEP-0082 dateTime in UTC.",
    flags: ['OPT'],
  },
  {
    id: 'XEP0215-3.2-1', roles: ['server'], section: '3.2', keyword: 'MUST NOT', anchor: 'select',
    quote: 'However, it MUST NOT push updates to the requesting entity unless it has presence information about the requesting entity',
    requirement: 'No pushed <services/> update reaches an entity the server has no presence information about.',
    flags: ['OPT', 'TIME'],
  },
]);
