/** The XEP-0155 namespace, for the client suite's probe and its case. */
export const SSN = 'urn:xmpp:ssn';
