import { requirementsOf } from '../catalogue.js';

/**
 * XEP-0363 HTTP File Upload, v1.1.0 (2022-01-04), the version in force when XEP-0479 was
 * published. The upload service is the server itself or a component it lists in its disco#items
 * (XEP-0479: "may be provided by a component"); the HTTP side is reached at the URLs the slot names.
 */
export default requirementsOf({ spec: 'xep-0363', version: '1.1.0' }, [
  {
    id: 'XEP0363-2-1', roles: ['server'], section: '2', anchor: 'reqs', keyword: 'SHOULD',
    quote: 'Anyone who knows the URL SHOULD be able to access it.',
    requirement: 'A file PUT to a slot (with the headers the slot names) is accepted, and a GET of its GET URL without credentials returns the same bytes.',
    sketch: 'Ask for a slot of N random bytes; PUT them; GET the GET URL with a fresh HTTP client; compare the SHA-256 of what came back.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0363-3-1', roles: ['server'], section: '3', anchor: 'disco', keyword: 'SHOULD',
    quote: 'To avoid unnecessary round trips an entity SHOULD also include the maximum file size as specified in … if such a limitation exists.',
    requirement: 'A service that refuses files as too large lists its maximum file size in its disco#info (a XEP-0128 form).',
    sketch: 'Ask for a slot of a very large file; a refusal as too large shows a limit exists: the disco#info form must then carry max-file-size.',
  },
  {
    id: 'XEP0363-3-2', roles: ['server'], section: '3', anchor: 'disco', keyword: 'MUST',
    quote: 'The field name MUST be "max-file-size" and the value MUST be in bytes.',
    requirement: "The size limit in the service's urn:xmpp:http:upload:0 form is the field max-file-size, a whole number of bytes.",
  },
  {
    id: 'XEP0363-3-3', roles: ['server'], section: '3', anchor: 'disco', keyword: 'SHOULD',
    quote: 'A user’s server SHOULD include any known entities that provide such services into its service discovery items.',
    requirement: "The user's server lists the upload services it knows in its disco#items.",
  },
  {
    id: 'XEP0363-4-1', roles: ['client'], section: '4', anchor: 'request', keyword: 'MUST',
    quote: 'This element MUST include the attributes filename and size containing the file name and size (in bytes) respectively.',
    requirement: "A client's slot request names the file and its size in bytes.",
  },
  {
    id: 'XEP0363-4-2', roles: ['server'], section: '4', anchor: 'request', keyword: 'MUST',
    quote: 'The host MUST provide Transport Layer Security (…).',
    requirement: 'The PUT and GET URLs of a slot are https: URLs whose host completes a TLS handshake the run trusts.',
    flags: ['HTTP', 'TLS'],
  },
  {
    id: 'XEP0363-4-3', roles: ['server'], section: '4', anchor: 'request', keyword: 'MUST',
    quote: 'Both HTTPS URLs MUST adhere to …. Non ASCII characters MUST be percent-encoded.',
    requirement: 'The PUT and GET URLs are URIs by RFC 3986: a file name with non-ASCII characters and a space appears percent-encoded.',
    sketch: 'Ask for a slot for a file name with non-ASCII letters and a space; both URLs consist of URI characters only.',
  },
  {
    id: 'XEP0363-4-4', roles: ['server'], section: '4', anchor: 'request', keyword: 'SHOULD',
    quote: 'The service SHOULD keep the file name and especially the file ending intact.',
    requirement: 'The GET URL ends in the file name asked for, or at least keeps its file ending.',
  },
  {
    id: 'XEP0363-4-5', roles: ['server'], section: '4', anchor: 'request', keyword: 'MUST',
    quote: 'Each <header> element MUST have a name-attribute and a content with the value of the header.',
    requirement: "Every <header/> of a slot's <put/> has a name attribute and a value.",
  },
  {
    id: 'XEP0363-4-6', roles: ['client'], section: '4', anchor: 'request', keyword: ['MUST', 'MUST NOT'],
    quote: 'The allowed headers provided in the response MUST be included in the HTTP PUT request. Other header names MUST be ignored by the requesting entity and MUST NOT be included in the HTTP request.',
    requirement: 'A client sends the slot\'s Authorization, Cookie and Expires headers with its PUT, and no other header the slot names.',
    flags: ['HTTP', 'DRV'],
  },
  {
    id: 'XEP0363-4-7', roles: ['client'], section: '4', anchor: 'request', keyword: 'MUST',
    quote: 'The requesting entity MUST strip any newline characters from the header name and value before performing the HTTP request, but MUST preserve the relative order of multiple values for the same header in the request.',
    requirement: 'A client strips newlines from slot headers and keeps the order of repeated ones.',
    flags: ['HTTP', 'DRV'],
  },
  {
    id: 'XEP0363-5-1', roles: ['server'], section: '5', anchor: 'errors', keyword: 'MAY',
    quote: 'Instead of providing the client with a slot the service MAY respond with an error if the requested file size is too large.',
    requirement: 'A request above the advertised max-file-size is refused with an error (the text shows <not-acceptable/> with <file-too-large/>).',
  },
  {
    id: 'XEP0363-5-2', roles: ['server'], section: '5', anchor: 'errors', keyword: 'MUST',
    quote: "The retry element MUST include an attribute 'stamp' which indicates the time at which the requesting entity may try again.",
    requirement: 'A <retry/> in a temporary error carries a stamp in the XEP-0082 date-time format, in UTC.',
  },
  {
    id: 'XEP0363-5-3', roles: ['server'], section: '5', anchor: 'errors', keyword: 'SHOULD',
    quote: 'For any other type of error the service SHOULD respond with appropriate error types to indicate temporary or permanent errors.',
    requirement: 'Other refusals carry an error type that says whether they are temporary or permanent.',
  },
  {
    id: 'XEP0363-6-1', roles: ['server'], section: '6', anchor: 'upload', keyword: 'MUST',
    quote: 'The upload service MUST reject the file upload if the Content-Length does not match the size of the slot request.',
    requirement: 'A PUT whose Content-Length differs from the size of the slot request is refused, and the GET URL does not serve it.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0363-6-2', roles: ['server'], section: '6', anchor: 'upload', keyword: 'SHOULD',
    quote: 'The service SHOULD reject the file if the Content-Type has been specified beforehand and does not match.',
    requirement: 'A PUT whose Content-Type differs from the content-type of the slot request is refused.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0363-6-3', roles: ['client'], section: '6', anchor: 'upload', keyword: 'MUST',
    quote: 'In addition to the Content-Length and Content-Type header the client MUST include all allowed headers that came with the slot assignment.',
    requirement: "A client's PUT carries Content-Length, Content-Type and the allowed headers of the slot.",
    flags: ['HTTP', 'DRV'],
  },
  {
    id: 'XEP0363-7-1', roles: ['server'], section: '7', anchor: 'impl', keyword: ['SHOULD', 'RECOMMENDED'],
    quote: 'The upload service SHOULD choose an appropriate timeout for the validity of the PUT URL. Since there is no reason for a client to wait between requesting the slot and starting the upload, relatively low timeout values of around 300s are RECOMMENDED.',
    requirement: 'A PUT URL stops working some time after the slot was given, around 300 s.',
    flags: ['HTTP', 'TIME'],
  },
  {
    id: 'XEP0363-7-2', roles: ['server'], section: '7', anchor: 'impl', keyword: 'SHOULD',
    quote: 'To make HTTP Upload work in web clients (including those hosted on a different domain) the upload service SHOULD set appropriate CORS-Headers.',
    requirement: 'A web page of another origin may PUT and GET: the preflight allows the origin, PUT and the request headers, and the PUT and GET answers allow the origin.',
    sketch: 'OPTIONS the PUT URL with Origin, Access-Control-Request-Method: PUT and Access-Control-Request-Headers; PUT and GET with Origin; read the Access-Control-Allow-* headers as a browser would.',
    flags: ['HTTP'],
  },
  {
    id: 'XEP0363-7-3', roles: ['client'], section: '7', anchor: 'impl', keyword: 'SHOULD NOT',
    quote: 'Clients SHOULD NOT interpret headers and treat them as opaque.',
    requirement: 'A client passes the slot headers on as given.',
    flags: ['HTTP', 'DRV'],
  },
  {
    id: 'XEP0363-8.3-1', roles: ['server'], section: '8.3', anchor: 'general', keyword: 'SHOULD',
    quote: 'Service implementors SHOULD use long randomized parts in their URLs making it impossible to guess the location of arbitrary files.',
    requirement: 'Two slots for the same file name and size get URLs that differ in a long random part.',
  },
]);
