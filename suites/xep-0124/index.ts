import type { Suite } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';
import sessionCreation from './7-session-creation.js';
import requests from './8-requests.js';
import inactivity from './10-inactivity-and-pauses.js';
import overactivity from './11-overactivity.js';
import termination from './13-termination.js';
import requestIds from './14-request-ids.js';
import errors from './17-errors.js';
import security from './19-security.js';

/** XEP-0124 BOSH: the connection manager's side. */
export const xep0124: Suite = {
  spec: 'xep-0124',
  role: 'server',
  // BOSH of 2009 has no disco feature: a working session request is the evidence
  async probe(t) {
    const reply = await new RawBosh(t).create();
    const entity = `connection manager ${t.boshUrl}`;
    if (reply.http.status === 200 && reply.attrs.sid) {
      return { supported: true, entity, detail: `session created (sid ${reply.attrs.sid.slice(0, 8)}…, requests=${reply.attrs.requests ?? '?'})` };
    }
    return { supported: false, entity, detail: `no session: HTTP ${reply.http.status} ${reply.http.body.slice(0, 120)}` };
  },
  cases: [...sessionCreation, ...requests, ...inactivity, ...overactivity, ...termination, ...requestIds, ...errors, ...security],
};
