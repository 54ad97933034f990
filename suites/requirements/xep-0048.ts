import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0048 Bookmarks, v1.2 (2020-08-04), the version in force when XEP-0479 was published. Its
 * storage is a single item in the PEP node 'storage:bookmarks' (XEP-0223); XEP-0049 private
 * storage was its earlier home, which XEP-0402's #compat unifies (see xep-0402.ts).
 */
export default requirementsOf({ spec: 'xep-0048', version: '1.2' }, [
  {
    id: 'XEP0048-2-1', roles: ['client'], section: '2', anchor: 'format', keyword: 'SHOULD',
    quote: "If an element lacks a 'name' attribute, the client SHOULD generate an appropriate substitution based on the other available data.",
    requirement: 'A client shows a bookmark without a name by a name made from its other data.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0048-2.1-1', roles: ['client'], section: '2.1', anchor: 'format-conference', keyword: 'NOT RECOMMENDED',
    quote: 'For security reasons, use of this element is NOT RECOMMENDED.',
    requirement: 'A client does not store room passwords in bookmarks by default.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0048-3-1', roles: ['server', 'client'], section: '3', anchor: 'storage', keyword: 'RECOMMENDED',
    quote: "It is RECOMMENDED to use … for data storage, specifically through the use of personal data nodes hosted at the user's virtual publish-subscribe service as described in … and illustrated in the following sections.",
    requirement: "Bookmarks published to the PEP node storage:bookmarks with the publish-options of §3.1 are stored: a retrieve-items request returns them (server); a client stores its bookmarks there (client).",
    sketch: 'Publish <storage xmlns="storage:bookmarks"/> with a fresh conference as item "current" with persist_items and whitelist; retrieve the items from another session; compare.',
  },
  {
    id: 'XEP0048-4-1', roles: ['client'], section: '4', anchor: 'security', keyword: ['SHOULD NOT', 'MUST'],
    quote: 'Clients SHOULD NOT default to storing passwords and MUST enable users to disable any password storage.',
    requirement: 'A client does not store room passwords unless asked to, and lets the user turn that off.',
    flags: ['DRV'],
  },
]);
