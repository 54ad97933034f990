import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0223 Persistent Storage of Private Data via PubSub, v1.1.1 (2023-03-23), the version in
 * force when XEP-0479 was published. What it asks of the server rests on XEP-0060 and XEP-0163:
 * a publish with publish-options makes a node that persists its items and lets only the owner in.
 */
export default requirementsOf({ spec: 'xep-0223', version: '1.1.1' }, [
  {
    id: 'XEP0223-2-1', roles: ['server', 'client'], section: '2', anchor: 'approach', keyword: 'MUST',
    quote: 'In order to optimize for object persistence of private information instead of transient event notifications related to semi-public data, a node MUST be configured as follows:',
    requirement: 'A node published with publish-options persist_items=true and access_model=whitelist keeps its items for a later session and lets no contact read them (server); a client asks for that configuration (client).',
    sketch: "Publish to a fresh node with those publish-options; log in anew and retrieve the item; a contact with a presence subscription asks for the items and is refused, and gets no notification.",
    flags: ['2A'],
  },
  {
    id: 'XEP0223-3-1', roles: ['server'], section: '3', anchor: 'store', keyword: 'MUST',
    quote: 'If the node does not already exist, the virtual pubsub service MUST create the node.',
    requirement: 'A publish with publish-options to a node that does not exist creates it, holding the item.',
  },
  {
    id: 'XEP0223-5-1', roles: ['client'], section: '5', anchor: 'support', keyword: 'MUST',
    quote: "Before an account owner attempts to complete any of the use cases defined herein, its client MUST verify that the account owner's server supports both PEP and the \"publish-options\" feature; to do so, it MUST send a … information request to the server (or cache Entity Capabilities information received from the server).",
    requirement: 'A client asks the server for disco#info (or uses its caps) before storing private data in PEP.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0223-5-2', roles: ['server'], section: '5', anchor: 'support', keyword: 'MUST',
    quote: 'The server MUST return an identity of "pubsub/pep" and include the "publish-options" feauture in the list of the namespaces and other features it supports:',
    requirement: "The server's disco#info shows the identity pubsub/pep and the feature http://jabber.org/protocol/pubsub#publish-options.",
  },
  {
    id: 'XEP0223-6-1', roles: ['client'], section: '6', anchor: 'security', keyword: 'MUST NOT',
    quote: 'If an entity using that procedure finds that the server does not support <publish-options/>, it MUST NOT store private data in PubSub, unless it can ensure privacy of the data with other means.',
    requirement: 'A client stores no private data in PEP on a server without publish-options.',
    flags: ['DRV'],
  },
  {
    id: 'XEP0223-6-2', roles: ['client'], section: '6', anchor: 'security', keyword: 'MUST',
    quote: "Therefore clients MUST verify that the ‘from’ attribute on incoming event messages is either absent or equal to their own account JID.",
    requirement: 'A client ignores private-data events from anyone but its own account.',
  },
]);
