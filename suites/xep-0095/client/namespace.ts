/** The XEP-0095 namespace, for the client suite's probe and its cases. */
export const SI = 'http://jabber.org/protocol/si';
