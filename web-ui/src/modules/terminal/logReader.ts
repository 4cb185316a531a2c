// Reads a stretch of a session's output log over a terminal socket of its own (`from=<offset>`),
// beside the viewer's live socket: the bytes that go above a repaint.

import { parseOutputFrame, planFrame } from './frames';

/** A read in progress: `bytes` settles with the bytes of [from, to) in order, or the reason it failed. */
export interface LogRead {
  bytes: Promise<Uint8Array[]>;
  /** Stops the read and closes its socket; `bytes` then never settles. */
  cancel(): void;
}

/** Why a read's socket closed early, in words for the viewer (close codes: docs/api/terminal.md). */
function closeReason(code: number): string {
  if (code === 4416) return 'the host no longer holds it';
  if (code === 4503) return 'the host is offline';
  if (code === 4404) return 'the host no longer holds the session';
  return `the hub closed the socket (code ${code})`;
}

/**
 * Reads the log bytes [from, to) from the socket `open(from)` returns. Every frame is
 * acknowledged as it arrives (nothing renders them on the way), so the hub's window never stalls
 * the read; the socket closes once `to` is reached. Control messages are ignored.
 */
export function readLog(open: (from: number) => WebSocket, from: number, to: number): LogRead {
  if (to <= from) return { bytes: Promise.resolve([]), cancel: () => {} };
  const socket = open(from);
  socket.binaryType = 'arraybuffer';
  const chunks: Uint8Array[] = [];
  let next = from;
  const bytes = new Promise<Uint8Array[]>((resolve, reject) => {
    const finish = () => {
      socket.onmessage = null;
      socket.onclose = null;
      socket.close(1000);
      resolve(chunks);
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
      if (typeof event.data === 'string') return;
      let plan;
      try {
        plan = planFrame(parseOutputFrame(event.data), next);
      } catch {
        return;
      }
      if (plan.gap > 0) {
        socket.onclose = null;
        socket.close(1000);
        reject(new Error(`${plan.gap} bytes are missing at offset ${next}`));
        return;
      }
      socket.send(JSON.stringify({ type: 'ack', bytes: event.data.byteLength - 8 }));
      const wanted = plan.fresh.subarray(0, Math.max(0, to - next));
      if (wanted.byteLength > 0) chunks.push(wanted);
      next += wanted.byteLength;
      if (next >= to) finish();
    };
    socket.onclose = (event) => reject(new Error(closeReason(event.code)));
  });
  return {
    bytes,
    cancel: () => {
      socket.onmessage = null;
      socket.onclose = null;
      socket.close(1000);
    },
  };
}
