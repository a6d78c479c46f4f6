/**
 * Why a TLS handshake failed, as the log line's code maps onto the labels of
 * `dirigible_tls_handshake_failures_total` (docs/operations.md).
 */

/** Why a handshake failed, as the metrics count it: a few fixed labels, never the client's text. */
export const HANDSHAKE_FAILURE_REASONS = ['plain_http', 'alert', 'protocol', 'timeout', 'closed'] as const;
export type HandshakeFailureReason = (typeof HANDSHAKE_FAILURE_REASONS)[number];

/**
 * The reason of a failed handshake's code: plain HTTP sent to the port, an alert the client sent
 * (it refused the certificate, most often), another OpenSSL failure (no protocol or cipher in
 * common, bytes that are not TLS), the time limit, the connection closed first.
 */
export function handshakeFailureReason(code: string | undefined): HandshakeFailureReason {
  if (code === 'ERR_TLS_HANDSHAKE_TIMEOUT') return 'timeout';
  if (code === 'ERR_SSL_HTTP_REQUEST') return 'plain_http';
  if (code?.startsWith('ERR_SSL_') === true && code.includes('_ALERT_')) return 'alert';
  if (code?.startsWith('ERR_SSL_') === true) return 'protocol';
  return 'closed';
}
