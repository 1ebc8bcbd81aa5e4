import { connect } from 'node:net';
import { ToolError } from '../errors.js';

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (nothing listens there)',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/**
 * Opens and closes one TCP connection to the target before the suites start, so that a target that does
 * not listen ends the run at once with exit 3 and one clear line, instead of every case timing out.
 */
export function assertReachable(target: string, timeoutMs: number): Promise<void> {
  const url = new URL(target);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (reason: string, code: 'E_TARGET_UNREACHABLE' | 'E_TARGET_TIMEOUT') => {
      socket.destroy();
      reject(new ToolError(code, `cannot reach target ${url.origin}: ${reason}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no connection within ${timeoutMs} ms`, 'E_TARGET_TIMEOUT'));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      fail(REASONS[error.code ?? ''] ?? error.message, 'E_TARGET_UNREACHABLE'),
    );
    socket.once('connect', () => {
      socket.end();
      socket.destroy();
      resolve();
    });
  });
}
