import type { Terminal } from '@xterm/xterm';
import type { ConnectionStatus } from './connection';
import type { OlderOutputStatus } from './olderOutput';
import type { Renderer } from './renderer';

/** Read-only view of the live terminal for browser tests (`window.__droverTerminal`). */
export interface TerminalTestHook {
  /** The whole buffer (scrollback and screen) as text, one line per row, right-trimmed. */
  text(): string;
  /** The screen (the rows below the scrollback, whatever is scrolled into view), one line per row, right-trimmed. */
  screen(): string;
  state(): ConnectionStatus['state'];
  renderer(): Renderer;
  /** Offset of the next byte the terminal expects. */
  next(): number;
  /** The terminal's columns and rows. */
  size(): { cols: number; rows: number };
  /** The session this terminal shows. */
  sessionId(): string;
  /** First row of the buffer shown at the top of the viewport (0 when scrolled to the top). */
  viewportY(): number;
  /** The rows shown in the viewport (wherever it is scrolled to), one line per row, right-trimmed. */
  viewport(): string;
  /** Viewport centre of the first cell of the last visible occurrence of `text`, or null. */
  locate(text: string): { x: number; y: number } | null;
  /** Whether output older than the repaint is loading, loaded, or can be loaded. */
  olderOutput(): OlderOutputStatus;
}

declare global {
  interface Window {
    __droverTerminal?: TerminalTestHook;
  }
}

/** The whole buffer as text: wrapped rows joined, trailing blank lines dropped. */
export function bufferText(term: Terminal): string {
  const buffer = term.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  return lines.join('\n').replace(/\n+$/, '');
}

/**
 * The rows below the scrollback, one line per row, as far as they are shown: a row keeps the cells
 * beyond the right edge after the terminal narrowed (the alternate screen is not reflowed), and
 * those are not on screen.
 */
export function screenText(term: Terminal): string {
  const buffer = term.buffer.active;
  const rows: string[] = [];
  for (let row = 0; row < term.rows; row++) rows.push(buffer.getLine(buffer.baseY + row)?.translateToString(true, 0, term.cols) ?? '');
  return rows.join('\n');
}

/** The rows shown in the viewport, one line per row, right-trimmed. */
export function viewportText(term: Terminal): string {
  const buffer = term.buffer.active;
  const rows: string[] = [];
  for (let row = 0; row < term.rows; row++) rows.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true, 0, term.cols) ?? '');
  return rows.join('\n');
}

/** Viewport centre of the first cell of the last visible occurrence of `text`, or null. */
export function locateText(term: Terminal, text: string): { x: number; y: number } | null {
  const screen = term.element?.querySelector('.xterm-screen');
  if (!screen) return null;
  const buffer = term.buffer.active;
  for (let row = term.rows - 1; row >= 0; row--) {
    const column = buffer.getLine(buffer.viewportY + row)?.translateToString(true).lastIndexOf(text) ?? -1;
    if (column < 0) continue;
    const box = screen.getBoundingClientRect();
    const cellWidth = box.width / term.cols;
    const cellHeight = box.height / term.rows;
    return { x: box.left + (column + 0.5) * cellWidth, y: box.top + (row + 0.5) * cellHeight };
  }
  return null;
}
