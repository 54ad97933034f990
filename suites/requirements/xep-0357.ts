import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0357 Push Notifications, v0.4.1 (2020-02-11), the version in force when XEP-0479 was
 * published ("Third Party Push Notifications", required of a Mobile Advanced Server): the user's
 * server's side (the tool plays the app server's XMPP Push Service).
 */
export default requirementsOf({ spec: 'xep-0357', version: '0.4.1' }, [
  {
    id: 'XEP0357-4.1-1', roles: ['server'], section: '4.1', keyword: 'MUST',
    quote: "If the user's server supports publishing push notifications and the account is provisioned to allow them, the server MUST include the feature 'urn:xmpp:push:0' in its list of supported features.",
    requirement: "disco#info to the user's bare JID lists urn:xmpp:push:0.",
  },
  {
    id: 'XEP0357-5-1', roles: ['server'], section: '5', keyword: 'SHOULD', anchor: 'enabling',
    quote: 'If the combination of JID and node has already been enabled, then the server SHOULD use the last received request for any publish options.',
    requirement: 'Enabling a push service (jid, node) that is already enabled replaces its publish options: the next notification carries the new ones.',
    sketch: 'Enable (push JID, node) with a secret, enable it again with another; an event for the user yields a publish carrying the second.',
    flags: ['EXT', 'DEST'],
  },
  {
    id: 'XEP0357-6-1', roles: ['server'], section: '6', keyword: 'SHOULD', anchor: 'disabling',
    quote: "If a 'node' attribute is provided, then only that combination of JID and node SHOULD be removed from the set of enabled services. Otherwise, the server SHOULD disable all enabled entries for the specified service for the user.",
    requirement: 'Disabling with a node stops only that node; disabling without one stops every node of that push service.',
    flags: ['EXT'],
  },
  {
    id: 'XEP0357-6-2', roles: ['server'], section: '6', keyword: 'MUST NOT', anchor: 'disabling',
    quote: 'When a service is not enabled, the server MUST NOT attempt publishing notifications to the service.',
    requirement: 'After a push service is disabled (or before it is enabled), events for the user publish nothing to it.',
    flags: ['EXT'],
  },
  {
    id: 'XEP0357-7-1', roles: ['server'], section: '7', keyword: 'SHOULD', anchor: 'publishing',
    quote: 'If additional data was provided when enabling the service, the publish request SHOULD include the data as publish options.',
    requirement: "An event for the user whose client is away (no resource online to take it) makes the server publish a <notification xmlns='urn:xmpp:push:0'/> to the enabled node, carrying the publish options given on enabling.",
    sketch: 'Enable with a secret; the client goes offline; a contact messages the user; the push service receives a pubsub publish to the node with the secret in publish-options.',
    flags: ['EXT', '2A'],
  },
  {
    id: 'XEP0357-7.1-1', roles: ['server'], section: '7.1', keyword: 'SHOULD',
    quote: 'If a publish request is returned with an IQ-error, then the server SHOULD consider the particular JID and node combination to be disabled.',
    requirement: 'A push service that answers a publish with an error gets no further notifications for that node (unless the server deems the error transient, which it MAY).',
    flags: ['EXT', '2A'],
  },
]);
