import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0398 User Avatar to vCard-Based Avatars Conversion, v0.2.1 (2018-08-27), the version in
 * force when XEP-0479 was published. A server only: the conversion from PEP (XEP-0084) to the
 * vCard (XEP-0153) is required; the one back is optional, and its rows bind only a service that
 * does it.
 */
const PEP_TO_VCARD = "Upon receiving a publication request to the 'urn:xmpp:avatar:metadata' node the service MUST look up the corresponding item published in the 'urn:xmpp:avatar:data' node and store the content of the data element as a photo in the vcard.";
const HASH_IN_PRESENCE = "To avoid this, services MUST include the hash on behalf of their users in every available presence that does not contain an empty photo element wrapped in an x element qualified by the 'vcard-temp:x:update' namespace.";

export default requirementsOf({ spec: 'xep-0398', version: '0.2.1' }, [
  {
    id: 'XEP0398-2-1', roles: ['server'], section: '2', anchor: 'disco', keyword: 'MUST',
    quote: 'The service MUST include a … feature of "urn:xmpp:pep-vcard-conversion:0" on the account.',
    requirement: "The account's disco#info lists urn:xmpp:pep-vcard-conversion:0.",
  },
  {
    id: 'XEP0398-3.1-1', roles: ['server'], section: '3.1', anchor: 'pep2vcard', keyword: 'MUST', quote: PEP_TO_VCARD,
    requirement: "An avatar published by XEP-0084 (data, then metadata) becomes the PHOTO of the user's vCard: another user's vCard get returns the same image bytes.",
    sketch: 'Publish a fresh PNG to urn:xmpp:avatar:data under its SHA-1, then its metadata; get the vCard from another account; decode BINVAL and compare.',
    flags: ['2A'],
  },
  {
    id: 'XEP0398-3.1-2', roles: ['server'], section: '3.1', anchor: 'pep2vcard', keyword: 'MUST',
    quote: 'Services MUST consider the fact that the metadata node might contain multiple info elements and MUST pick the info element that does not point to an exernal URL.',
    requirement: 'Of several <info/> elements in the metadata, the one without a url is converted.',
  },
  {
    id: 'XEP0398-3.1-3', roles: ['server'], section: '3.1', anchor: 'pep2vcard', keyword: 'SHOULD',
    quote: 'Services SHOULD verify that the SHA-1 hash of the image matches the id.',
    requirement: 'Metadata whose id is not the SHA-1 of the published data does not put that image into the vCard.',
  },
  {
    id: 'XEP0398-3.2-1', roles: ['server'], section: '3.2', anchor: 'vcard2pep', keyword: 'MUST',
    quote: "Upon receiving a vCard publication request with a valid photo attached to it a service MUST first publish an item to the 'urn:xmpp:avatar:data' node on behalf of the requesting entity. The id of that item MUST be the SHA-1 hash of the image as described in ….",
    requirement: 'A service that converts vCards to PEP publishes the photo of a stored vCard to urn:xmpp:avatar:data, under the SHA-1 of the image.',
  },
  {
    id: 'XEP0398-3.2-2', roles: ['server'], section: '3.2', anchor: 'vcard2pep', keyword: 'MUST',
    quote: "Afterwards the service MUST publish a new item to the 'urn:xmpp:avatar:metadata' node with one info element that represents the newly published image using the type value from the vCard as a type attribute in the info element.",
    requirement: "It then publishes metadata with one <info/> for that image, whose type is the vCard's TYPE.",
  },
  {
    id: 'XEP0398-3.2-3', roles: ['server'], section: '3.2', anchor: 'vcard2pep', keyword: 'SHOULD',
    quote: 'After publication the service SHOULD send out notification messages to all subscribers of the metadata node.',
    requirement: "The user's resources interested in the metadata node are notified of the converted avatar.",
  },
  {
    id: 'XEP0398-4-1', roles: ['server'], section: '4', anchor: 'presence', keyword: 'MUST', quote: HASH_IN_PRESENCE,
    requirement: "Available presence sent without a vcard-temp:x:update element reaches a contact carrying <x xmlns='vcard-temp:x:update'><photo>SHA-1 of the avatar</photo></x>.",
    flags: ['2A'],
  },
  {
    id: 'XEP0398-4-2', roles: ['server'], section: '4', anchor: 'presence', keyword: 'MUST',
    quote: "Empty x elements qualified by the 'vcard-temp:x:update' namespace (those without a photo element as child) MUST be overwritten.",
    requirement: 'Available presence with an empty vcard-temp:x:update element reaches a contact with the hash filled in.',
    flags: ['2A'],
  },
  {
    id: 'XEP0398-4-3', roles: ['server'], section: '4', anchor: 'presence', keyword: 'MUST',
    quote: 'The hash MUST also be injected into directed presences such as MUC joins',
    requirement: 'Directed available presence (to a user without a subscription, or to join a room) carries the hash as well.',
    flags: ['2A'],
  },
]);
