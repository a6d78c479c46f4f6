/**
 * The reason a failed TLS handshake is counted under, from the code Node gives it: the labels of
 * `dirigible_tls_handshake_failures_total`.
 */
import { expect } from 'chai';
import { handshakeFailureReason } from '../../../main/server/tls-failure-reasons.js';

describe('handshakeFailureReason', () => {
  it('tells plain HTTP, a client alert, another OpenSSL failure, the time limit and a closed connection apart', () => {
    expect(handshakeFailureReason('ERR_SSL_HTTP_REQUEST')).to.equal('plain_http');
    expect(handshakeFailureReason('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA')).to.equal('alert');
    expect(handshakeFailureReason('ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE')).to.equal('alert');
    expect(handshakeFailureReason('ERR_SSL_UNEXPECTED_MESSAGE')).to.equal('protocol');
    expect(handshakeFailureReason('ERR_SSL_NO_SHARED_CIPHER')).to.equal('protocol');
    expect(handshakeFailureReason('ERR_TLS_HANDSHAKE_TIMEOUT')).to.equal('timeout');
    expect(handshakeFailureReason('ECONNRESET')).to.equal('closed');
    expect(handshakeFailureReason(undefined)).to.equal('closed');
  });
});
