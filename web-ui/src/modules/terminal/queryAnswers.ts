// Terminal queries (DA, DSR/CPR, DECRQM, DECRQSS, XTVERSION, window reports, OSC colour queries)
// make xterm.js answer through onData, exactly like keystrokes. The viewer renders output that the
// agent wrote minutes ago (replays, repaints, several viewers at once), so any answer it gave
// would be typed into the agent as stray input. The viewer therefore never answers: these
// handlers take the queries before xterm's own ones (the latest registered handler runs first)
// and report them handled. Whatever answers an agent needs come from the host side.

/** A parser handler's disposer (xterm's IDisposable). */
interface Disposable {
  dispose(): void;
}

/** The part of xterm's `IFunctionIdentifier` used here. */
interface SequenceId {
  prefix?: string;
  intermediates?: string;
  final: string;
}

type Params = (number | number[])[];

/** The part of xterm's `IParser` (browser and headless) the blockers need. */
export interface QueryParser {
  registerCsiHandler(id: SequenceId, callback: (params: Params) => boolean | Promise<boolean>): Disposable;
  registerDcsHandler(id: SequenceId, callback: (data: string, params: Params) => boolean | Promise<boolean>): Disposable;
  registerOscHandler(ident: number, callback: (data: string) => boolean | Promise<boolean>): Disposable;
}

const swallow = () => true;

/** CSI sequences whose only effect in xterm.js is an answer. */
const CSI_QUERIES: SequenceId[] = [
  { final: 'c' }, // DA1, primary device attributes
  { prefix: '>', final: 'c' }, // DA2, secondary device attributes
  { prefix: '=', final: 'c' }, // DA3, tertiary device attributes
  { final: 'n' }, // DSR: 5n status, 6n cursor position (CPR)
  { prefix: '?', final: 'n' }, // DECDSR, e.g. ?6n extended cursor position
  { intermediates: '$', final: 'p' }, // DECRQM, ANSI modes
  { prefix: '?', intermediates: '$', final: 'p' }, // DECRQM, DEC private modes
  { prefix: '>', final: 'q' }, // XTVERSION
  { prefix: '?', final: 'u' }, // kitty keyboard protocol flags query
];

/** XTWINOPS reports (CSI Ps t with Ps 11–21); the other window operations keep their meaning. */
const WINDOW_REPORTS = new Set([11, 13, 14, 15, 16, 18, 19, 20, 21]);

/** OSC colour commands that answer when a colour spec is `?`. */
const COLOUR_OSCS = [4, 5, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];

/** True when an OSC colour command asks for a report (any of its specs is `?`). */
export function isColourQuery(data: string): boolean {
  return data.split(';').some((part) => part === '?');
}

/** Registers the blockers on `parser`; dispose them with the terminal. */
export function blockQueryAnswers(parser: QueryParser): Disposable[] {
  return [
    ...CSI_QUERIES.map((id) => parser.registerCsiHandler(id, swallow)),
    parser.registerCsiHandler({ final: 't' }, (params) => WINDOW_REPORTS.has(Number(params[0] ?? 0))),
    parser.registerDcsHandler({ intermediates: '$', final: 'q' }, swallow), // DECRQSS
    parser.registerDcsHandler({ intermediates: '+', final: 'q' }, swallow), // XTGETTCAP
    ...COLOUR_OSCS.map((ident) => parser.registerOscHandler(ident, isColourQuery)),
  ];
}
