import type { ITheme } from '@xterm/xterm';

/** The terminal's colours, matching the app's dark palette. */
export const terminalTheme: ITheme = {
  background: '#0b0d11',
  foreground: '#d7dae0',
  cursor: '#6ee7b7',
  cursorAccent: '#0b0d11',
  selectionBackground: '#3b4a6b',
  black: '#1c1f26',
  red: '#f87171',
  green: '#6ee7b7',
  yellow: '#fcd34d',
  blue: '#60a5fa',
  magenta: '#c084fc',
  cyan: '#67e8f9',
  white: '#d7dae0',
  brightBlack: '#5c6370',
  brightRed: '#fca5a5',
  brightGreen: '#a7f3d0',
  brightYellow: '#fde68a',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#a5f3fc',
  brightWhite: '#ffffff',
};
