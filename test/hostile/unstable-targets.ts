import type { Socket } from 'node:net';
import { type LoopbackServer, startLoopback } from './loopback.js';
import { forward } from './proxy.js';

/**
 * A flapping target: every connection carries one request (answers close it), and every other
 * connection is reset (TCP RST) as soon as its request is read, before anything is forwarded. The other
 * half go to the real `upstream`, so a run makes progress and clean-up mostly works.
 */
export function flappingConnectionTarget(upstream: string): Promise<LoopbackServer> {
  const order = new WeakMap<Socket, number>();
  let accepted = 0;
  return startLoopback(async (req, res, recorded) => {
    let index = order.get(req.socket);
    if (index === undefined) {
      index = accepted++;
      order.set(req.socket, index);
    }
    if (index % 2 === 0) {
      req.socket.resetAndDestroy();
      return;
    }
    res.shouldKeepAlive = false;
    await forward(upstream, recorded, res);
  });
}
