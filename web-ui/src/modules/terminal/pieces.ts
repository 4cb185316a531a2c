// Output goes to xterm.js in pieces, so that the page stays responsive while it parses.

/**
 * Output is handed to xterm.js in pieces of at most this many bytes. xterm parses queued writes
 * until about 12 ms have passed and then yields to the browser, but it never splits one write: a
 * 256 KiB frame of bulk output was one long task that froze input, scrolling and tab switches.
 */
export const WRITE_PIECE_BYTES = 8 * 1024;

/** What writing needs of xterm.js's Terminal (the browser's or the headless one). */
export interface WritableTerminal {
  write(data: Uint8Array | string, callback?: () => void): void;
}

/**
 * Queues `data` in pieces; `parsed` runs once the last piece is parsed. xterm.js parses queued
 * writes in order and runs each write's callback before it parses the next write.
 */
export function writeInPieces(term: WritableTerminal, data: Uint8Array, parsed?: () => void): void {
  if (data.byteLength === 0) {
    term.write(data, parsed);
    return;
  }
  for (let start = 0; start < data.byteLength; start += WRITE_PIECE_BYTES) {
    const end = Math.min(start + WRITE_PIECE_BYTES, data.byteLength);
    term.write(data.subarray(start, end), end === data.byteLength ? parsed : undefined);
  }
}
