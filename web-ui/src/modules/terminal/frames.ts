// Binary frames of the terminal socket (docs/api/terminal.md):
// [8-byte big-endian offset of the first byte][PTY bytes].

export const OFFSET_BYTES = 8;

export interface OutputFrame {
  /** Log offset of the first byte of `data`. */
  offset: number;
  data: Uint8Array;
}

/** Parses a binary frame from the hub; throws on a frame too short to carry an offset. */
export function parseOutputFrame(buffer: ArrayBuffer): OutputFrame {
  if (buffer.byteLength < OFFSET_BYTES) {
    throw new RangeError(`terminal frame of ${buffer.byteLength} bytes has no offset`);
  }
  const offset = new DataView(buffer).getBigUint64(0, false);
  if (offset > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`terminal frame offset ${offset} is out of range`);
  }
  return { offset: Number(offset), data: new Uint8Array(buffer, OFFSET_BYTES) };
}

/** What to do with a frame given the offset of the next byte the terminal expects. */
export interface FramePlan {
  /** The bytes not rendered yet (possibly empty). */
  fresh: Uint8Array;
  /** The offset to expect after rendering `fresh`. */
  next: number;
  /** Bytes missing between the expected offset and the frame (0 unless the hub skipped some). */
  gap: number;
}

/**
 * Keeps only the bytes at or beyond `expected`: a frame that repeats bytes already rendered
 * (fully or as a prefix) is trimmed, so nothing is written twice.
 */
export function planFrame(frame: OutputFrame, expected: number): FramePlan {
  const end = frame.offset + frame.data.byteLength;
  if (end <= expected) {
    return { fresh: frame.data.subarray(frame.data.byteLength), next: expected, gap: 0 };
  }
  if (frame.offset >= expected) {
    return { fresh: frame.data, next: end, gap: frame.offset - expected };
  }
  return { fresh: frame.data.subarray(expected - frame.offset), next: end, gap: 0 };
}

/** Control messages the hub sends as text frames. */
export type HubMessage =
  | { type: 'attached'; sessionId: string; from: number; window: number; readOnly: boolean }
  | { type: 'screen'; offset: number; cols: number; rows: number; data: string; screenAt: number; logStart: number }
  | { type: 'exit'; exitCode: number | null; end: number }
  | { type: 'error'; refused: string; reason: string }
  | { type: 'resized'; cols: number; rows: number };

/** Parses a text frame from the hub; unknown or malformed messages give `null`. */
export function parseHubMessage(text: string): HubMessage | null {
  try {
    const message: unknown = JSON.parse(text);
    if (message && typeof message === 'object' && 'type' in message) {
      const type = (message as { type: unknown }).type;
      if (type === 'attached' || type === 'exit' || type === 'error') return message as HubMessage;
      if (type === 'screen' && typeof (message as { data?: unknown }).data === 'string') return message as HubMessage;
      if (type === 'resized' && isCells((message as { cols?: unknown }).cols) && isCells((message as { rows?: unknown }).rows)) {
        return message as HubMessage;
      }
    }
  } catch {
    // Not JSON: ignored, like an unknown message type.
  }
  return null;
}

/** A terminal dimension the hub may send: a whole number of cells from 1 to 1000. */
function isCells(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 1000;
}

/** Decodes the base64 `data` of a `screen` message into the bytes to write. */
export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const encoder = new TextEncoder();

/** Input frames carry raw bytes: a string typed or pasted into xterm, as UTF-8. */
export function encodeInput(data: string): Uint8Array {
  return encoder.encode(data);
}

/** xterm's onBinary gives a string whose char codes are bytes (0–255). */
export function encodeBinaryInput(data: string): Uint8Array {
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = data.charCodeAt(i) & 0xff;
  return bytes;
}
