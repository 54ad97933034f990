/** What a SASL mechanism needs to authenticate one account (RFC 4422). */
export interface SaslCredentials {
  /** The authentication identity: the localpart of the account JID. */
  username: string;
  password: string;
  /** An authorization identity to request, if any (RFC 6120 §6.3.8). */
  authzid?: string;
  /** The XMPP domain, used by DIGEST-MD5's digest-uri. */
  domain: string;
}

/** The outcome of checking the additional data that came with <success/>. */
export interface SuccessCheck {
  verified: boolean;
  detail: string;
}

/** One client-side exchange of one mechanism. */
export interface SaslExchange {
  readonly mechanism: string;
  /** The initial response sent inside <auth/>, or null to send none. */
  initialResponse(): Promise<Buffer | null>;
  /** Answers one <challenge/>. */
  respond(challenge: Buffer): Promise<Buffer>;
  /** Checks the additional data of <success/> (the SCRAM server signature, for one). */
  verifySuccess(data: Buffer): SuccessCheck;
}
