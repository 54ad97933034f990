import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../src/evidence/redact.js';

describe('Redactor', () => {
  const secret = 'tr0ub4dor&3';
  const redactor = new Redactor();
  redactor.addSecret(secret);

  it('blanks SASL payloads whatever they hold', () => {
    const text = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHNlY3JldA==</auth><sasl:response>cj1mb28=</sasl:response>";
    const out = redactor.redact(text);
    expect(out).toBe(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${REDACTED}</auth><sasl:response>${REDACTED}</sasl:response>`);
  });

  it('blanks <password/> and <digest/> contents', () => {
    expect(redactor.redact('<query><username>a</username><password>xyz</password><digest>abc</digest></query>'))
      .toBe(`<query><username>a</username><password>${REDACTED}</password><digest>${REDACTED}</digest></query>`);
  });

  it('finds a known secret as text, escaped, and inside base64 at every alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'abc', '\0alice\0']) {
      const encoded = Buffer.from(`${prefix}${secret}-tail`).toString('base64');
      const out = redactor.redact(`<x>${encoded}</x>`);
      expect(out).toContain(REDACTED);
    }
    expect(redactor.redact(`say ${secret} and tr0ub4dor&amp;3`)).toBe(`say ${REDACTED} and ${REDACTED}`);
  });
});

describe('Redactor with many secrets', () => {
  it('redacts secrets with regular-expression characters among thousands of others', () => {
    const r = new Redactor();
    for (let i = 0; i < 2000; i++) r.addSecret(`filler-secret-${i}`);
    r.addSecret('a+b(c)[d]$^.*?');
    expect(r.redact('x a+b(c)[d]$^.*? y filler-secret-1999 z')).toBe(`x ${REDACTED} y ${REDACTED} z`);
    expect(r.redact('a+b(c)d')).toBe('a+b(c)d');
  });
});
