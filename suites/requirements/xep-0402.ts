import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0402 PEP Native Bookmarks, v1.1.4 (2023-04-02), the version in force when XEP-0479 was
 * published. XEP-0479 (Advanced Group Chat) adds that clients use it only where the server
 * announces urn:xmpp:bookmarks:1#compat, XEP-0049 otherwise: the compatibility rows (§5.3) are
 * what a server is judged by beyond PEP itself.
 */
export default requirementsOf({ spec: 'xep-0402', version: '1.1.4' }, [
  {
    id: 'XEP0402-2-1', roles: ['client'], section: '2', anchor: 'usage', keyword: 'SHALL',
    quote: 'Each item SHALL have, as item id, the Room JID of the chatroom (eg, coven@chat.shakespeare.lit).',
    requirement: "A client publishes each bookmark with the room's JID as item id.",
    flags: ['DRV'],
  },
  {
    id: 'XEP0402-2-2', roles: ['client'], section: '2', anchor: 'usage', keyword: 'SHALL',
    quote: "The payload of the item SHALL be a conference element qualified by the 'urn:xmpp:bookmarks:1' namespace, with the following syntax:",
    requirement: 'A bookmark item holds one <conference xmlns="urn:xmpp:bookmarks:1"/>.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0402-2-3', roles: ['client'], section: '2', anchor: 'usage', keyword: 'MUST',
    quote: 'Note that a bookmark item MUST contain only one conference room.',
    requirement: 'A client puts one room in each bookmark item.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0402-3.1-1', roles: ['client'], section: '3.1', anchor: 'enable-updates', keyword: 'SHOULD',
    quote: "A client interested in bookmarks SHOULD include the 'urn:xmpp:bookmarks:1+notify' feature in its …, as per …, so that it receives notifications for updates done by other clients of the user, and reacts accordingly.",
    requirement: 'A client lists urn:xmpp:bookmarks:1+notify in its caps.',
  },
  {
    id: 'XEP0402-3.2-1', roles: ['client'], section: '3.2', anchor: 'retrieving-bookmarks', keyword: 'SHOULD',
    quote: "It then SHOULD join every MUC identified by the items’ 'id' attribute that have an 'autojoin' attribute that is set to \"true\" or \"1\".",
    requirement: 'After login a client joins the rooms of its autojoin bookmarks.',
    flags: ['MUC'],
  },
  {
    id: 'XEP0402-3.3-1', roles: ['server'], section: '3.3', anchor: 'adding-a-bookmark', keyword: 'MUST',
    quote: 'publish-options (as defined in XEP-0060) MUST be supported by the server in order to check that the node is correctly configured before publishing a new conference.',
    requirement: 'A bookmark published with the publish-options of §3.3 (persist_items, max_items=max, send_last_published_item=never, access_model=whitelist) is accepted and then retrieved as published, under its room JID.',
  },
  {
    id: 'XEP0402-3.4-1', roles: ['client'], section: '3.4', anchor: 'adding-a-bookmark', keyword: 'MUST',
    quote: 'Note that clients MUST preserve any XML elements they do not understand, particularly including unknown elements, within the <extensions/> element of the bookmark.',
    requirement: 'A client editing a bookmark keeps the elements of <extensions/> it does not know.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0402-3.4-2', roles: ['server'], section: '3.4', anchor: 'adding-a-bookmark', keyword: 'MUST',
    quote: 'publish-options (as defined in XEP-0060) MUST be supported by the server in order to check that the node is correctly configured before publishing a new conference.',
    requirement: 'Republishing a bookmark with the same item id and the publish-options replaces it: the node then holds the new version, once.',
  },
  {
    id: 'XEP0402-3.5-1', roles: ['server'], section: '3.5', anchor: 'removing-a-bookmark', keyword: 'REQUIRED',
    quote: 'This implies that server support for the "delete-items" pubsub feature is REQUIRED.',
    requirement: 'Retracting a bookmark by its room JID removes it from the node.',
  },
  {
    id: 'XEP0402-3.5-2', roles: ['client'], section: '3.5', anchor: 'removing-a-bookmark', keyword: 'SHOULD',
    quote: "A 'notify' attribute SHOULD be included on the <retract/> element in order to inform other online clients of the deletion.",
    requirement: "A client's retract carries notify='true'.",
    flags: ['DRV'],
  },
  {
    id: 'XEP0402-4-1', roles: ['client'], section: '4', anchor: 'notifications', keyword: 'SHOULD',
    quote: "When a client is sent an event from the Pubsub service for the 'urn:xmpp:bookmarks:1' node, it SHOULD join the room immediately if the 'autojoin' attribute is both present and true.",
    requirement: 'A client joins the room of a new autojoin bookmark it is notified of.',
    flags: ['MUC'],
  },
  {
    id: 'XEP0402-4-2', roles: ['client'], section: '4', anchor: 'notifications', keyword: 'SHOULD',
    quote: 'On the other hand, if the event is a retract notification, the client SHOULD leave the room immediately.',
    requirement: 'A client leaves the room of a bookmark whose retraction it is notified of.',
    flags: ['MUC'],
  },
  {
    id: 'XEP0402-5.1-1', roles: ['server'], section: '5.1', anchor: 'diff-0048', keyword: 'MUST',
    quote: 'The storage MUST be …',
    requirement: 'The bookmarks node is private storage as XEP-0223 has it: a contact with a presence subscription can neither retrieve the bookmarks nor is notified of them.',
    flags: ['2A'],
  },
  {
    id: 'XEP0402-5.3-1', roles: ['server'], section: '5.3', anchor: 'compatibility', keyword: 'SHOULD',
    quote: 'A server that supports unifying bookmarks from … and … SHOULD announce the "urn:xmpp:bookmarks:1#compat" feature on the account.',
    requirement: 'The account announces urn:xmpp:bookmarks:1#compat exactly when the server unifies XEP-0049 bookmarks and these: a bookmark published here shows in private storage and one stored there shows here.',
    sketch: 'Publish a bookmark to urn:xmpp:bookmarks:1 and read storage:bookmarks by XEP-0049; store another by XEP-0049 and read the node; compare with the disco#info of the account.',
  },
  {
    id: 'XEP0402-5.3-2', roles: ['server'], section: '5.3', anchor: 'compatibility', keyword: 'SHOULD',
    quote: 'A server that supports unifying bookmarks between … and … SHOULD announce the "urn:xmpp:bookmarks:1#compat-pep" feature on the account.',
    requirement: 'The account announces urn:xmpp:bookmarks:1#compat-pep exactly when the server unifies the XEP-0048 PEP node storage:bookmarks and these.',
  },
  {
    id: 'XEP0402-5.3.1-1', roles: ['server'], section: '5.3.1', anchor: 'publishing', keyword: 'MAY',
    quote: "When a client publishes a new item, the server MAY collate all items, casting them into the 'storage:bookmarks' namespace and setting the jid attribute to the item id in each case.",
    requirement: "A bookmark published here shows in the XEP-0049 storage:bookmarks view as a <conference/> whose jid is the item id, with its name, autojoin and nick.",
  },
  {
    id: 'XEP0402-5.3.2-1', roles: ['server'], section: '5.3.2', anchor: 'publishing-legacy', keyword: ['MAY', 'SHOULD NOT'],
    quote: 'If a client publishes a replacement list of bookmarks via the older specifications, a server MAY examine the list and update the individual items as required, sending updates or retraction notifications as needed. Servers electing to perform this OPTIONAL behaviour SHOULD NOT send notifications for unchanged items.',
    requirement: 'A replacement list stored by XEP-0049 updates the items here, and a resource interested in them is not notified of the ones the list left unchanged.',
    flags: ['2A'],
  },
]);
