/**
 * XEP-0030 §3.2: the 'node' mirrored on the answer. v2.3 as published (2007-02-15) does not say
 * so: the sentence came with an edit of 2007-04-10 that kept the number, and v2.4 as published
 * (2008-06-06), which the 2009 levels cite, says SHOULD; the archive's last v2.4 text says MUST,
 * from an edit of 2008-10-02 that kept the number again, and v2.5rc3 (XEP-0479) says MUST.
 */
const MIRROR_SHOULD = {
  section: '3.2',
  keyword: 'SHOULD',
  quote: "If the request included a 'node' attribute, the response SHOULD mirror the specified 'node' attribute to ensure coherence between the request and the response.",
  anchor: 'info-nodes',
} as const;

export const NODE_MIRROR = {
  '2.3': {
    absent: "v2.3 as published (2007-02-15) does not ask for the 'node' to be mirrored: the sentence came with an edit of 2007-04-10 that kept the number",
    later: { doc: 'XEP-0030', version: '2.4', ...MIRROR_SHOULD },
  },
  '2.4': { ...MIRROR_SHOULD, changed: 'MUST since an edit of 2008-10-02 that kept the number 2.4 (published in v2.5)' },
  '2.5rc3': {
    ...MIRROR_SHOULD,
    keyword: 'MUST',
    quote: "If the request included a 'node' attribute, the response MUST mirror the specified 'node' attribute to ensure coherence between the request and the response.",
  },
} as const;
