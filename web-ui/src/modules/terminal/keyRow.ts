// The key row under the terminal on touch screens: keys a phone keyboard lacks, as mobile SSH
// clients (Termius, Blink, JuiceSSH) offer them, with Ctrl and Alt as sticky modifiers.

export type RowKey = 'Esc' | 'Tab' | 'Up' | 'Down' | 'Left' | 'Right' | '|' | '~' | '/';

/** Ctrl and Alt pressed on the key row: they modify the next key, then let go. */
export interface Modifiers {
  ctrl: boolean;
  alt: boolean;
}

export const NO_MODIFIERS: Modifiers = { ctrl: false, alt: false };

const ARROWS: Partial<Record<RowKey, string>> = { Up: 'A', Down: 'B', Right: 'C', Left: 'D' };

/**
 * What a key sends: arrows as `ESC [ A` or, when the program switched the cursor keys to
 * application mode (vim, less), `ESC O A`; with Ctrl or Alt as xterm sends them (`ESC [ 1 ; 5 A`).
 */
export function rowKeyData(key: RowKey, applicationCursor: boolean, modifiers: Modifiers): string {
  const arrow = ARROWS[key];
  if (arrow) {
    const code = 1 + (modifiers.alt ? 2 : 0) + (modifiers.ctrl ? 4 : 0);
    if (code > 1) return `\x1b[1;${code}${arrow}`;
    return `\x1b${applicationCursor ? 'O' : '['}${arrow}`;
  }
  if (key === 'Esc') return withModifiers('\x1b', { ...modifiers, ctrl: false });
  if (key === 'Tab') return modifiers.alt ? '\x1b\t' : '\t';
  return withModifiers(key, modifiers);
}

/**
 * Typed text with the sticky modifiers applied: Ctrl turns a single letter (or `@ [ \ ] ^ _ ?`)
 * into its control character, Alt prefixes ESC. Longer text (a paste, a word from the phone's
 * autocomplete) is sent as it is.
 */
export function withModifiers(data: string, modifiers: Modifiers): string {
  if (data.length !== 1) return data;
  let out = data;
  if (modifiers.ctrl) {
    const upper = data.toUpperCase();
    const code = upper.charCodeAt(0);
    if (upper === '?') out = '\x7f';
    else if (code >= 0x40 && code <= 0x5f) out = String.fromCharCode(code & 0x1f);
    else if (data === ' ') out = '\x00';
  }
  return modifiers.alt ? `\x1b${out}` : out;
}
