import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0049 Private XML Storage, v1.2 (2004-03-01), the version in force when XEP-0479 was
 * published (its last revision). XEP-0479 names it for legacy bookmarks (Private XML Storage,
 * IM Advanced).
 */
export default requirementsOf({ spec: 'xep-0049', version: '1.2' }, [
  {
    id: 'XEP0049-2.1-1', roles: ['server'], section: '2.1', keyword: 'MAY',
    quote: 'The <query/> element MAY contain any arbitrary XML fragment as long as the root element of that fragment is scoped by its own namespace.',
    requirement: 'An element of any namespace stored with an IQ set comes back as stored from an IQ get for that namespace.',
    sketch: 'Set a fragment of a fresh namespace with attributes, children and text; get it back from another session; compare.',
  },
  {
    id: 'XEP0049-2.3-1', roles: ['server'], section: '2.3', keyword: 'MUST',
    quote: 'At least one child element with a proper namespace MUST be included; otherwise the server MUST respond with a "Not Acceptable" error (see … for information about error conditions).',
    requirement: 'An IQ set whose <query/> is empty is refused with <not-acceptable/>.',
  },
  {
    id: 'XEP0049-2.3-2', roles: ['client'], section: '2.3', keyword: 'MUST NOT',
    quote: 'A client MUST NOT query for more than namespace in a single IQ get request.',
    requirement: 'A client asks for one namespace per private storage get.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0049-2.3-3', roles: ['server'], section: '2.3', keyword: 'MAY',
    quote: 'However, an IQ set or result MAY contain multiple elements qualified by the same namespace.',
    requirement: 'An IQ set with two elements of one namespace is stored, and the get returns both.',
  },
  {
    id: 'XEP0049-2.3-4', roles: ['server'], section: '2.3', keyword: 'MUST',
    quote: 'If a user attempts to get or set jabber:iq:private data that belongs to another user, the server MUST return a "Forbidden" or "Service Unavailable" error to the sender (the latter condition is in common use by existing implementations, although the former is preferable).',
    requirement: "A get or set addressed to another user's bare JID gets <forbidden/> or <service-unavailable/>.",
    flags: ['2A'],
  },
  {
    id: 'XEP0049-2.3-5', roles: ['server'], section: '2.3', keyword: 'SHOULD',
    quote: 'If a user attempts to perform an IQ get without providing a child element, the server SHOULD return a "Bad Format" error (however, some existing implementations return a "Not Acceptable" error in such circumstances):',
    requirement: 'An IQ get whose <query/> is empty gets <bad-request/> ("Bad Format"; <not-acceptable/> is what the MUST of the same section asks for).',
  },
  {
    id: 'XEP0049-4-1', roles: ['server'], section: '4', keyword: 'MUST NOT',
    quote: 'A server MUST NOT allow any entity other than an authorized resource of the user to create, update, or delete private XML stored on behalf of that user.',
    requirement: "Another user's set addressed to the user's bare JID changes nothing of what the user stored.",
    flags: ['2A'],
  },
]);
