import { terminalTheme } from './theme';

/** One run of a screen row's cells in one style, as the daemon's terminal model sent it (styledLines). */
export interface StyledRun {
  text: string;
  color?: string;
  background?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

const BASE16 = [
  terminalTheme.black,
  terminalTheme.red,
  terminalTheme.green,
  terminalTheme.yellow,
  terminalTheme.blue,
  terminalTheme.magenta,
  terminalTheme.cyan,
  terminalTheme.white,
  terminalTheme.brightBlack,
  terminalTheme.brightRed,
  terminalTheme.brightGreen,
  terminalTheme.brightYellow,
  terminalTheme.brightBlue,
  terminalTheme.brightMagenta,
  terminalTheme.brightCyan,
  terminalTheme.brightWhite,
] as string[];

/** The CSS colour of xterm's 256-colour index: the theme's 16, the 6×6×6 cube, then 24 greys. */
export function indexedColor(index: number): string {
  if (index < 16) return BASE16[index];
  if (index < 232) {
    const level = (value: number) => (value === 0 ? 0 : 55 + value * 40);
    const cube = index - 16;
    return `rgb(${level(Math.floor(cube / 36))}, ${level(Math.floor(cube / 6) % 6)}, ${level(cube % 6)})`;
  }
  const grey = 8 + (index - 232) * 10;
  return `rgb(${grey}, ${grey}, ${grey})`;
}

/**
 * Splits a row written as the daemon writes it (CSI 0;…m before each run: 1 bold, 2 dim, 3 italic, 4 underline,
 * 7 inverse, 38;5;n / 38;2;r;g;b foreground, 48;… background) into runs; other sequences are dropped.
 */
export function styledRuns(row: string): StyledRun[] {
  const runs: StyledRun[] = [];
  let style: Omit<StyledRun, 'text'> = {};
  const pattern = /\u001b\[([0-9;]*)m/g;
  let at = 0;
  for (let match = pattern.exec(row); ; match = pattern.exec(row)) {
    const text = row.slice(at, match ? match.index : row.length);
    if (text !== '') runs.push({ text, ...style });
    if (!match) return runs;
    at = pattern.lastIndex;
    style = parse(match[1]);
  }
}

function parse(parameters: string): Omit<StyledRun, 'text'> {
  const codes = parameters.split(';').map((code) => Number(code || '0'));
  const style: Omit<StyledRun, 'text'> = {};
  let inverse = false;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code === 0) {
      for (const key of Object.keys(style)) delete style[key as keyof typeof style];
      inverse = false;
    } else if (code === 1) style.bold = true;
    else if (code === 2) style.dim = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 7) inverse = true;
    else if (code === 38 || code === 48) {
      const target = code === 38 ? 'color' : 'background';
      if (codes[i + 1] === 5) {
        style[target] = indexedColor(codes[i + 2] ?? 0);
        i += 2;
      } else if (codes[i + 1] === 2) {
        style[target] = `rgb(${codes[i + 2] ?? 0}, ${codes[i + 3] ?? 0}, ${codes[i + 4] ?? 0})`;
        i += 4;
      }
    }
  }
  if (inverse) {
    const { color, background } = style;
    style.color = background ?? terminalTheme.background;
    style.background = color ?? terminalTheme.foreground;
  }
  return style;
}
