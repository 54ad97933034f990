import { parse as parseXml } from 'ltx';
import { describe, expect, it } from 'vitest';
import { corsCheck, preflightProblems } from '../../suites/xep-0363/cors.js';
import { bytes, differingPart, fileTooLarge, lastSegment, maxFileSizeText, putHeaders, slotOf, UPLOAD_NS, uploadForm, uriProblem } from '../../suites/xep-0363/slot.js';

const slotResult = (put: string, get = "<get url='https://up.example.test/g/abc/file.txt'/>"): ReturnType<typeof parseXml> =>
  parseXml(`<iq type='result' id='s1'><slot xmlns='${UPLOAD_NS}'>${put}${get}</slot></iq>`);

describe('an upload slot (XEP-0363 v1.1.0 §4)', () => {
  it('is read from a result with both URLs and the headers of <put/>; anything else has none', () => {
    const slot = slotOf(slotResult("<put url='https://up.example.test/p/abc/file.txt'><header name='Authorization'>Bearer t</header><header>no name</header></put>"));
    expect(slot).toEqual({
      putUrl: 'https://up.example.test/p/abc/file.txt',
      getUrl: 'https://up.example.test/g/abc/file.txt',
      headers: [{ name: 'Authorization', value: 'Bearer t' }, { name: undefined, value: 'no name' }],
    });
    expect(slotOf(slotResult("<put url='https://up.example.test/p'/>", ''))).toBeUndefined();
    expect(slotOf(slotResult('<put>https://up.example.test/p</put>'))).toBeUndefined();
    expect(slotOf(parseXml(`<iq type='error' id='s1'><slot xmlns='${UPLOAD_NS}'><put url='a'/><get url='b'/></slot></iq>`))).toBeUndefined();
  });

  it('gives the PUT only the allowed headers, any case, newlines stripped, repeated values in order', () => {
    const slot = slotOf(slotResult(`<put url='https://up.example.test/p'>
      <header name='authorization'>Basic a\nb</header>
      <header name='X-Evil'>no</header>
      <header name='Cookie'>a=1</header>
      <header name='cookie'>b=2</header>
      <header name='Expires'>Thu, 01 Jan 2037 00:00:00 GMT</header>
      <header>nameless</header>
    </put>`))!;
    expect(putHeaders(slot)).toEqual({ authorization: 'Basic ab', Cookie: 'a=1; b=2', Expires: 'Thu, 01 Jan 2037 00:00:00 GMT' });
  });
});

describe('the size limit (XEP-0363 v1.1.0 §3, §5)', () => {
  const info = (fields: string): ReturnType<typeof parseXml> => parseXml(`<x xmlns='jabber:x:data' type='result'>${fields}</x>`);
  const formType = `<field var='FORM_TYPE' type='hidden'><value>${UPLOAD_NS}</value></field>`;

  it('is the max-file-size of the form whose FORM_TYPE is the namespace, a whole number of bytes', () => {
    const other = info("<field var='FORM_TYPE'><value>urn:example</value></field><field var='max-file-size'><value>1</value></field>");
    const form = info(`${formType}<field var='max-file-size'><value>5242880</value></field>`);
    expect(uploadForm([other, form])).toBe(form);
    expect(maxFileSizeText(uploadForm([other, form]))).toBe('5242880');
    expect(maxFileSizeText(uploadForm([other]))).toBeUndefined();
    expect(bytes('5242880')).toBe(5242880);
    expect(bytes('5 MB')).toBeUndefined();
    expect(bytes('-1')).toBeUndefined();
  });

  it('is read from a <file-too-large/> refusal', () => {
    const refusal = parseXml(`<iq type='error'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><file-too-large xmlns='${UPLOAD_NS}'><max-file-size>20000</max-file-size></file-too-large></error></iq>`);
    expect(fileTooLarge(refusal)).toEqual({ maxFileSize: '20000' });
    expect(fileTooLarge(parseXml("<iq type='error'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>"))).toBeUndefined();
  });
});

describe('slot URLs', () => {
  it('are URIs by RFC 3986 only with non-ASCII characters and spaces percent-encoded', () => {
    expect(uriProblem('https://up.example.test/p/x/certify%20%C3%A4.txt?v=1')).toBeUndefined();
    expect(uriProblem('https://up.example.test/p/x/certify ä.txt')).toMatch(/outside RFC 3986: " " "ä"/);
    expect(uriProblem('https://up.example.test/p/100%.txt')).toMatch(/'%' not followed/);
    expect(uriProblem('/p/x.txt')).toBe('no scheme and host');
  });

  it('end in a file name, read percent-decoded', () => {
    expect(lastSegment('https://up.example.test/g/abc/certify%20%C3%A4.txt')).toBe('certify ä.txt');
    expect(lastSegment('https://up.example.test/g/abc/')).toBe('');
    expect(lastSegment('https://up.example.test/g/%E0%A4%A.txt')).toBe('%E0%A4%A.txt');
  });

  it('differ in the part between their common beginning and end', () => {
    expect(differingPart('https://h/g/0123abcd/f.txt', 'https://h/g/9876wxyz/f.txt')).toBe('0123abcd');
    expect(differingPart('https://h/g/a/f.txt', 'https://h/g/a/f.txt')).toBe('');
    expect(differingPart('https://h/g/ab/f', 'https://h/g/abc/f')).toBe('');
  });
});

describe('CORS as a browser applies it to the upload service (XEP-0363 v1.1.0 §7)', () => {
  const origin = 'https://webclient.example.org';
  const ask = { origin, method: 'PUT', headers: ['content-type', 'authorization'] };

  it('lets a preflight through that allows the origin, the method and every header asked for', () => {
    expect(preflightProblems(200, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'OPTIONS, GET, PUT',
      'access-control-allow-headers': 'Content-Type, Authorization',
    }, ask)).toEqual([]);
    expect(preflightProblems(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': '*', 'access-control-allow-headers': '*' }, { ...ask, headers: ['content-type'] })).toEqual([]);
  });

  it('names what a browser would refuse: the status, the origin, the method, a header (a * does not cover Authorization)', () => {
    expect(preflightProblems(404, {}, ask)).toEqual([
      'status 404, not an ok status (200–299)',
      'no Access-Control-Allow-Origin',
      'PUT not among Access-Control-Allow-Methods (none)',
      'content-type not among Access-Control-Allow-Headers (none)',
      'authorization not among Access-Control-Allow-Headers (none)',
    ]);
    expect(preflightProblems(200, { 'access-control-allow-origin': 'https://other.example', 'access-control-allow-methods': 'GET', 'access-control-allow-headers': '*' }, ask)).toEqual([
      "Access-Control-Allow-Origin is 'https://other.example', neither '*' nor 'https://webclient.example.org'",
      'PUT not among Access-Control-Allow-Methods (GET)',
      'authorization not among Access-Control-Allow-Headers (*)',
    ]);
  });

  it('checks an answer for an Access-Control-Allow-Origin that admits the page, once', () => {
    expect(corsCheck({ 'access-control-allow-origin': '*' }, origin)).toEqual([]);
    expect(corsCheck({ 'access-control-allow-origin': origin }, origin)).toEqual([]);
    expect(corsCheck({}, origin)).toEqual(['no Access-Control-Allow-Origin']);
    expect(corsCheck({ 'access-control-allow-origin': `${origin}, *` }, origin)).toHaveLength(1);
  });
});
