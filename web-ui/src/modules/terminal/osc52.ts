// OSC 52 (`ESC ] 52 ; <selection> ; <base64> BEL`) lets a program write the viewer's clipboard.
// Off by default: output replayed from the log, or written by any program in the session, must
// not overwrite the clipboard of whoever looks at it. When the viewer turns it on, writes go to
// the clipboard (copyText). Reads (`?`) are never answered, so no program can read the clipboard.
import type { QueryParser } from './queryAnswers';

const decoder = new TextDecoder();

/** The text an OSC 52 payload writes, or `null` for a read request or a malformed payload. */
export function osc52Text(data: string): string | null {
  const separator = data.indexOf(';');
  if (separator < 0) return null;
  const payload = data.slice(separator + 1);
  if (payload === '?') return null;
  try {
    const binary = atob(payload);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Takes every OSC 52 sequence: when `enabled()` says so, a write goes to `writeClipboard`;
 * otherwise (the default) it is dropped. Nothing is ever answered.
 */
export function handleClipboardWrites(
  parser: Pick<QueryParser, 'registerOscHandler'>,
  enabled: () => boolean,
  writeClipboard: (text: string) => void,
): { dispose(): void } {
  return parser.registerOscHandler(52, (data) => {
    if (!enabled()) return true;
    const text = osc52Text(data);
    if (text !== null) writeClipboard(text);
    return true;
  });
}
