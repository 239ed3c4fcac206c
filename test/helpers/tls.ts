import { Agent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { generate } from 'selfsigned';

export interface TestCertificate {
  key: string;
  cert: string;
}

let made: Promise<TestCertificate> | undefined;

/**
 * A throwaway self-signed certificate for 127.0.0.1, made once per test process (an EC key:
 * milliseconds), so the emulator can answer over HTTPS. Nothing trusts it but the agents the
 * tests hand it to; nothing turns certificate checks off.
 */
export function testCertificate(): Promise<TestCertificate> {
  made ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - 3_600_000),
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return made;
}

/** An agent that trusts exactly this certificate. */
export function trustingAgent(certificate: TestCertificate): Agent {
  return new Agent({ ca: certificate.cert, keepAlive: true });
}

/** An axios instance for the product's client that trusts exactly this certificate. */
export function trustingAxios(certificate: TestCertificate): AxiosInstance {
  return axios.create({ httpsAgent: trustingAgent(certificate) });
}
