import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0153 vCard-Based Avatars, v1.1 (2018-02-26), the version in force when XEP-0479 was
 * published. Its rules bind clients; XEP-0479 names it for servers beside XEP-0398 (User Avatar
 * Compatibility), so the rules on the vCard's PHOTO bind a server too where it writes that vCard
 * itself, converting a XEP-0084 avatar.
 */
export default requirementsOf({ spec: 'xep-0153', version: '1.1' }, [
  {
    id: 'XEP0153-3.2-1', roles: ['client'], section: '3.2', anchor: 'retrieve', keyword: 'SHOULD',
    quote: "When the recipient's client receives the hash of the avatar image, it SHOULD check the hash to determine if it already has a cached copy of that avatar image.",
    requirement: 'A client fetches a vCard only for a hash it has no image for.',
  },
  {
    id: 'XEP0153-4.1-1', roles: ['client'], section: '4.1', anchor: 'bizrules-presence', keyword: ['MUST', 'SHOULD'],
    quote: 'If a client supports the protocol defined herein, it MUST include the update child element in every presence broadcast it sends and SHOULD also include the update child in directed presence stanzas (e.g., directed presence sent when joining … rooms).',
    requirement: 'A client puts <x xmlns="vcard-temp:x:update"/> in every presence broadcast, and in directed presence.',
  },
  {
    id: 'XEP0153-4.1-2', roles: ['client'], section: '4.1', anchor: 'bizrules-presence', keyword: 'MUST',
    quote: 'If a client is not yet ready to advertise an image, it MUST send an empty update child element, i.e.:',
    requirement: 'A client not yet ready to advertise an image sends an empty update element.',
  },
  {
    id: 'XEP0153-4.1-3', roles: ['client'], section: '4.1', anchor: 'bizrules-presence', keyword: 'MUST',
    quote: 'If there is no avatar image to be advertised, the photo element MUST be empty, i.e.:',
    requirement: 'A client without an avatar sends an empty <photo/>.',
  },
  {
    id: 'XEP0153-4.2-1', roles: ['client'], section: '4.2', anchor: 'bizrules-vcard', keyword: ['MUST NOT', 'MUST'],
    quote: 'A client MUST NOT advertise an avatar image without first downloading the current vCard. Once it has done this, it MAY advertise an image. However, a client MUST advertise an image if it has just uploaded the vCard with a new avatar image.',
    requirement: 'A client downloads the vCard before advertising a hash, and advertises the hash of an avatar it just uploaded.',
  },
  {
    id: 'XEP0153-4.2-2', roles: ['client'], section: '4.2', anchor: 'bizrules-vcard', keyword: 'MUST NOT',
    quote: 'Within a given session, a client MUST NOT attempt to upload a given avatar image more than once.',
    requirement: 'A client uploads an avatar once per session.',
  },
  {
    id: 'XEP0153-4.2-3', roles: ['client'], section: '4.2', anchor: 'bizrules-vcard', keyword: 'MUST NOT',
    quote: "The client MUST NOT poll for new versions of the user's vCard in order to determine whether to update the avatar image hash.",
    requirement: 'A client does not poll its own vCard.',
    flags: ['TIME'],
  },
  {
    id: 'XEP0153-4.5-1', roles: ['server', 'client'], section: '4.5', anchor: 'bizrules-xml', keyword: 'SHOULD',
    quote: 'The <PHOTO/> element SHOULD contain a <BINVAL/> child whose XML character data is Base64-encoded data for the avatar image.',
    requirement: 'The PHOTO of the vCard carries the image as BINVAL (server: the vCard it writes from a XEP-0084 avatar).',
    flags: ['2A'],
  },
  {
    id: 'XEP0153-4.5-2', roles: ['server', 'client'], section: '4.5', anchor: 'bizrules-xml', keyword: 'SHOULD NOT',
    quote: 'The <PHOTO/> element SHOULD NOT contain an <EXTVAL/> that points to a URI for the image file.',
    requirement: 'The PHOTO carries no EXTVAL.',
    flags: ['2A'],
  },
  {
    id: 'XEP0153-4.5-3', roles: ['server', 'client'], section: '4.5', anchor: 'bizrules-xml', keyword: 'SHOULD',
    quote: 'The <PHOTO/> element SHOULD contain a <TYPE/> child whose XML character data specifies the content-type of the image data.',
    requirement: 'The PHOTO names the content type of the image in TYPE.',
    flags: ['2A'],
  },
  {
    id: 'XEP0153-4.5-4', roles: ['server', 'client'], section: '4.5', anchor: 'bizrules-xml', keyword: 'MUST NOT',
    quote: "The <PHOTO/> element MUST NOT possess a 'mime-type' attribute.",
    requirement: "The PHOTO has no 'mime-type' attribute.",
    flags: ['2A'],
  },
  {
    id: 'XEP0153-4.6-1', roles: ['client'], section: '4.6', anchor: 'bizrules-image', keyword: 'SHOULD',
    quote: 'The image SHOULD use less than eight kilobytes (8k) of data; this restriction is to be enforced by the publishing client.',
    requirement: 'A client publishes avatars under 8 KB.',
  },
  {
    id: 'XEP0153-4.6-2', roles: ['server', 'client'], section: '4.6', anchor: 'bizrules-image', keyword: 'MUST',
    quote: 'The image data MUST conform to the base64Binary datatype … and thus be encoded in accordance with Section 6.8 of …, which recommends that base64 data should have lines limited to at most 76 characters in length.',
    requirement: 'BINVAL is base64Binary: it decodes, whitespace aside, to the image (server: the bytes of the converted avatar).',
    flags: ['2A'],
  },
  {
    id: 'XEP0153-5-1', roles: ['client'], section: '5', anchor: 'impl', keyword: 'MUST',
    quote: 'If the XML character data of the <TYPE/> specifies a content type that does not match the data provided in the <BINVAL/> element, the processing application MUST adhere to the content type of the actual image data and MUST ignore the <TYPE/>.',
    requirement: 'A client shows an image by its data, whatever TYPE says.',
  },
]);
