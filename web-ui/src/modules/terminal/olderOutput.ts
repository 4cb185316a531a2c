// Output older than the repaint: an attach repaints at most 1,000 lines of scrollback; once the
// user scrolls to the top, the session's older output is read from its log in one step and the
// terminal is rebuilt with it above what it shows (docs/api/terminal.md, "Output older than the
// repaint"), with the viewport kept on the rows the user was looking at.

import type { TerminalSize } from './connection';
import { type LogRead, readLog } from './logReader';
import { writeInPieces, type WritableTerminal } from './pieces';
import { canRebuild, planRebuild, type Repaint } from './rebuild';

/** At most this much of the log before the repaint is loaded: plain output of far more lines than the scrollback keeps. */
export const OLDER_BYTES = 8 * 1024 * 1024;
/** A rebuild writes again what was shown since the repaint: past this much, no older output is loaded. */
export const NEWER_BYTES = 8 * 1024 * 1024;

export type OlderOutputState = 'none' | 'available' | 'loading' | 'loaded' | 'failed';

export interface OlderOutputStatus {
  /** `available`: the log holds output older than the terminal's first row, loaded on reaching the top. */
  state: OlderOutputState;
  /** The viewport is at the top of the scrollback. */
  atTop: boolean;
  /** What is above the first row when nothing more is loaded: the start of the output, or why it stops there. */
  note: string | null;
}

export const NOTES = {
  start: 'Start of session history',
  retention: 'Older output was removed by retention',
  bounded: `Older output not loaded: only the last ${OLDER_BYTES / 1024 / 1024} MiB before this page attached`,
  scrollback: (lines: number) => `Older lines are beyond the scrollback (${lines.toLocaleString('en-US')} lines, see ⚙)`,
  newer: 'Older output not loaded: too much output since this page attached (reload to load it)',
  failed: (reason: string) => `Older output could not be loaded: ${reason}`,
} as const;

interface Marker {
  readonly line: number;
  readonly isDisposed: boolean;
  dispose(): void;
}

/** What the rebuild uses of xterm.js's Terminal (the browser's or the headless one). */
export interface RebuildTerminal extends WritableTerminal {
  readonly cols: number;
  readonly rows: number;
  readonly buffer: {
    readonly active: { readonly type: 'normal' | 'alternate'; readonly viewportY: number; readonly baseY: number; readonly length: number };
  };
  reset(): void;
  resize(cols: number, rows: number): void;
  registerMarker(cursorYOffset?: number): Marker | undefined;
}

export interface OlderOutputHost {
  /** Log offset of the next byte the live socket expects. */
  next(): number;
  /** A socket reading the session's log from `from`. */
  open(from: number): WebSocket;
  /** Lines of scrollback the terminal keeps. */
  scrollback(): number;
  /** A rebuild starts: the terminal hides its rows and defers fitting its box until `rebuilt`. */
  rebuilding(): void;
  /** The rebuild is parsed: scroll the viewport to `line` (`null`: the bottom), then show the rows. */
  rebuilt(line: number | null): void;
  onStatus(status: OlderOutputStatus): void;
}

const EMPTY = new Uint8Array(0);

export class OlderOutput {
  private repaint: (Repaint & { screenAt: number; logStart: number }) | null = null;
  /** The first row of the repaint's screen, where older output goes above. */
  private screenTop: Marker | null = null;
  /** The scrollback limit dropped rows of the repaint: nothing older can be shown above them. */
  private full = false;
  private read: LogRead | null = null;
  /** Bytes the live socket delivered while the log was read: written again after the rebuild. */
  private live: Uint8Array[] | null = null;
  private liveBytes = 0;
  /** The terminal's own size while a rebuild writes at the repaint's. */
  private restoreSize: TerminalSize | null = null;
  /** Bumped by every repaint or replay: work for an older one is dropped. */
  private generation = 0;
  private status: OlderOutputStatus = { state: 'none', atTop: false, note: null };

  constructor(
    private readonly term: RebuildTerminal,
    private readonly host: OlderOutputHost,
  ) {}

  get current(): OlderOutputStatus {
    return this.status;
  }

  /** True while a rebuild writes at the repaint's size: the terminal must not be resized. */
  get rebuilding(): boolean {
    return this.restoreSize !== null;
  }

  /** The size to go back to after the rebuild, when another viewer resized the session meanwhile. */
  restoreTo(size: TerminalSize): void {
    if (this.restoreSize) this.restoreSize = size;
  }

  /**
   * Writes a repaint into the terminal (already reset, at the repaint's size); `parsed` runs once
   * it is parsed. Where its screen begins is marked, so older output can later go above it.
   */
  writeRepaint(repaint: Repaint, parsed: () => void): void {
    const generation = this.forget();
    if (!canRebuild(repaint)) {
      writeInPieces(this.term, repaint.data, parsed);
      this.update({ state: 'none', note: null });
      return;
    }
    writeInPieces(this.term, repaint.data.subarray(0, repaint.screenAt), () => {
      if (generation === this.generation) this.screenTop = this.term.registerMarker(0) ?? null;
    });
    writeInPieces(this.term, repaint.data.subarray(repaint.screenAt), () => {
      if (generation === this.generation) this.full = this.isFull();
      parsed();
      if (generation !== this.generation) return;
      this.repaint = repaint;
      const older = repaint.logStart < repaint.offset;
      this.update({ state: older ? 'available' : 'none', note: older ? null : startNote(repaint.logStart) });
    });
  }

  /** Output replaced what the terminal shows without a repaint (a replay): nothing can go above it. */
  replaced(): void {
    this.forget();
    this.update({ state: 'none', note: null });
  }

  /** Live output handed to the terminal. */
  received(data: Uint8Array): void {
    if (!this.live) return;
    this.live.push(data);
    this.liveBytes += data.byteLength;
    if (this.liveBytes > NEWER_BYTES) {
      this.forget();
      this.update({ state: 'none', note: NOTES.newer });
    }
  }

  /** The viewport moved; `up`: the user asked to go further up (a wheel or swipe at the top). */
  scrolled(up = false): void {
    const buffer = this.term.buffer.active;
    const atTop = buffer.viewportY === 0;
    if (atTop !== this.status.atTop) this.update({ atTop });
    const reached = up || buffer.baseY > 0;
    if (atTop && reached && this.status.state === 'available' && buffer.type === 'normal' && !this.rebuilding) this.load();
  }

  dispose(): void {
    this.forget();
  }

  /** Reads the log from as far back as it (and {@link OLDER_BYTES}) reaches to the live offset, then rebuilds. */
  private load(): void {
    const repaint = this.repaint;
    if (!repaint) return;
    if (this.full || this.isFull()) {
      this.update({ state: 'none', note: NOTES.scrollback(this.host.scrollback()) });
      return;
    }
    if (!this.screenTop || this.screenTop.isDisposed) {
      // Erased (a `clear`, which also clears the scrollback): nothing goes above it.
      this.update({ state: 'none', note: null });
      return;
    }
    const upTo = this.host.next();
    if (upTo - repaint.offset > NEWER_BYTES) {
      this.update({ state: 'none', note: NOTES.newer });
      return;
    }
    const from = Math.max(repaint.logStart, repaint.offset - OLDER_BYTES);
    const note = from > repaint.logStart ? NOTES.bounded : startNote(repaint.logStart);
    const generation = this.generation;
    this.live = [];
    this.liveBytes = 0;
    this.update({ state: 'loading', note: null });
    const read = readLog(this.host.open, from, upTo);
    this.read = read;
    read.bytes.then(
      (chunks) => {
        if (generation !== this.generation) return;
        const live = this.live ?? [];
        this.read = null;
        this.live = null;
        this.rebuild(repaint, planRebuild(repaint, { from, chunks }, live, from > 0), note);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.read = null;
        this.live = null;
        this.update({ state: 'failed', note: NOTES.failed(error instanceof Error ? error.message : String(error)) });
      },
    );
  }

  /**
   * Rebuilds the terminal: reset at the repaint's size, the older log, the erase, the repaint's
   * screen, back to the terminal's own size, then everything shown since. Each step runs in a
   * write callback, so bytes queued before it are parsed first and bytes arriving later are parsed
   * after it: no live byte is lost or written twice. The viewport keeps its distance from the
   * repaint's first screen row, i.e. it stays on the rows the user was reading.
   */
  private rebuild(repaint: Repaint, plan: ReturnType<typeof planRebuild>, note: string): void {
    const term = this.term;
    const generation = this.generation;
    let anchor: number | null = null;
    let top: Marker | null = null;
    let full = false;
    this.restoreSize = { cols: term.cols, rows: term.rows };
    this.host.rebuilding();
    term.write(EMPTY, () => {
      const buffer = term.buffer.active;
      anchor = buffer.viewportY >= buffer.baseY ? null : buffer.viewportY - (this.screenTop?.line ?? 0);
      this.screenTop?.dispose();
      this.screenTop = null;
      term.reset();
      if (repaint.size) term.resize(repaint.size.cols, repaint.size.rows);
    });
    plan.older.forEach((chunk) => writeInPieces(term, chunk));
    term.write(EMPTY, () => {
      top = term.registerMarker(0) ?? null;
    });
    writeInPieces(term, plan.screen, () => {
      full = this.isFull();
      const size = this.restoreSize ?? { cols: term.cols, rows: term.rows };
      this.restoreSize = null;
      term.resize(size.cols, size.rows);
    });
    plan.newer.forEach((chunk) => writeInPieces(term, chunk));
    term.write(EMPTY, () => {
      full ||= this.isFull();
      const line = anchor === null || !top || top.isDisposed ? null : Math.max(0, top.line + anchor);
      if (generation === this.generation) {
        this.screenTop = top;
        this.full = full;
        this.update({ state: 'loaded', note: full ? NOTES.scrollback(this.host.scrollback()) : note });
      } else {
        top?.dispose();
      }
      this.host.rebuilt(line);
    });
  }

  /** Drops the repaint, its marker and a read in progress; returns the new generation. */
  private forget(): number {
    this.read?.cancel();
    this.read = null;
    this.live = null;
    this.repaint = null;
    this.screenTop?.dispose();
    this.screenTop = null;
    this.full = false;
    return ++this.generation;
  }

  /**
   * Whether the buffer holds as many rows as the scrollback limit lets it, so that it dropped (or
   * is about to drop) its oldest. Exact at the size the rows were written at; after a resize
   * that added rows it errs towards "not full" by at most the rows added.
   */
  private isFull(): boolean {
    return this.term.buffer.active.length >= this.term.rows + this.host.scrollback();
  }

  private update(change: Partial<OlderOutputStatus>): void {
    this.status = { ...this.status, ...change };
    this.host.onStatus(this.status);
  }
}

function startNote(logStart: number): string {
  return logStart > 0 ? NOTES.retention : NOTES.start;
}
