// The bytes that rebuild a terminal with the session's output older than its repaint above it
// (docs/api/terminal.md, "Output older than the repaint"), in the order they are written.

import type { TerminalSize } from './connection';

/** A repaint from the hub's `screen` message. */
export interface Repaint {
  /** Log offset the repaint shows the session as of: live bytes continue there. */
  offset: number;
  data: Uint8Array;
  /** Index in `data` where the repaint's scrollback ends and its screen begins (`null`: the hub does not say). */
  screenAt: number | null;
  /** The oldest offset the session's log held (`null`: the hub does not say). */
  logStart: number | null;
  /** The session's size the repaint is drawn for (`null`: the hub did not say). */
  size: TerminalSize | null;
}

/** Log bytes read from the session's log: contiguous from `from`. */
export interface LogBytes {
  from: number;
  chunks: Uint8Array[];
}

/** What a rebuild writes after a reset, at the repaint's size until `screen` is parsed. */
export interface Rebuild {
  /** The log before the repaint's offset, then the erase of the screen that keeps the scrollback. */
  older: Uint8Array[];
  /** The repaint's screen, cursor and modes (its bytes from `screenAt` on). */
  screen: Uint8Array;
  /** What the terminal showed after the repaint, in order: the log from its offset on, then the live bytes. */
  newer: Uint8Array[];
}

const encoder = new TextEncoder();

/**
 * Written between the old log and the repaint's screen: ends a sequence the log may have cut
 * off (CAN), leaves an alternate screen, turns off the modes a program in the log left on that
 * the repaint does not set (mouse reports, focus reports, bracketed paste; a soft reset for
 * application keys, charsets, scroll region and attributes), then erases the screen and puts the
 * cursor home. Erasing the display keeps the scrollback (xterm's `scrollOnEraseInDisplay` is off).
 */
export const BETWEEN_LOG_AND_SCREEN = encoder.encode(
  '\x18\x1b[?1049l\x1b[!p\x1b[?9;1000;1002;1003;1004;1005;1006;1015;1016;2004l\x1b[0m\x1b[H\x1b[2J',
);

/** A log read from the middle of the output starts at its first line break, if within this many bytes. */
const LINE_START_WITHIN = 64 * 1024;

/** Whether `repaint` says where its screen begins, so that older output can go above it. */
export function canRebuild(repaint: Repaint): repaint is Repaint & { screenAt: number; logStart: number } {
  return (
    repaint.screenAt !== null &&
    repaint.logStart !== null &&
    repaint.screenAt >= 0 &&
    repaint.screenAt <= repaint.data.byteLength
  );
}

/**
 * Splits the log read from `log.from` (which reaches at least the repaint's offset) and the live
 * bytes received while it was read into what the rebuild writes. The log may continue past the
 * repaint's offset: those bytes were shown after the repaint and are written after its screen.
 * A log read from the middle of the output (`cut`) starts at its first line break, so the top row
 * is a whole line rather than the tail of one or of an escape sequence.
 */
export function planRebuild(repaint: Repaint & { screenAt: number }, log: LogBytes, live: Uint8Array[], cut: boolean): Rebuild {
  const older: Uint8Array[] = [];
  const newer: Uint8Array[] = [];
  let offset = log.from;
  for (const chunk of log.chunks) {
    const split = Math.min(Math.max(repaint.offset - offset, 0), chunk.byteLength);
    if (split > 0) older.push(chunk.subarray(0, split));
    if (split < chunk.byteLength) newer.push(chunk.subarray(split));
    offset += chunk.byteLength;
  }
  if (cut) skipToLineStart(older);
  older.push(BETWEEN_LOG_AND_SCREEN);
  return { older, screen: repaint.data.subarray(repaint.screenAt), newer: [...newer, ...live] };
}

/** Drops the bytes up to and including the first line feed, when there is one near the start. */
function skipToLineStart(chunks: Uint8Array[]): void {
  let seen = 0;
  for (let i = 0; i < chunks.length && seen < LINE_START_WITHIN; i++) {
    const lineFeed = chunks[i].indexOf(0x0a);
    if (lineFeed >= 0 && seen + lineFeed < LINE_START_WITHIN) {
      chunks.splice(0, i + 1, chunks[i].subarray(lineFeed + 1));
      return;
    }
    seen += chunks[i].byteLength;
  }
}
