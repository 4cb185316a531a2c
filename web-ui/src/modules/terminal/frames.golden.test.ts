import { describe, expect, it } from 'vitest';
import { encodeInput, type HubMessage, parseHubMessage, parseOutputFrame } from './frames';
import { goldenFrame, goldenNames, goldenText, hexBytes } from './golden';

// The web UI's end of the terminal socket's contract, against the protocol's golden files (the
// hub's tests read the same ones): a message or frame layout the hub changes without the web UI
// following fails here.

type Kind<T> = T extends string ? 'string' : T extends boolean ? 'boolean' : T extends number ? 'number' : never;

/** The JSON kind of each property of a message; `tsc` keeps this in step with `HubMessage`. */
type Fields<M> = { [K in keyof M]-?: null extends M[K] ? `${Kind<NonNullable<M[K]>>} | null` : Kind<M[K]> };

const HUB_MESSAGES: { [T in HubMessage['type']]: Fields<Extract<HubMessage, { type: T }>> } = {
  attached: { type: 'string', sessionId: 'string', from: 'number', window: 'number', readOnly: 'boolean' },
  screen: {
    type: 'string', offset: 'number', cols: 'number', rows: 'number', data: 'string', screenAt: 'number', logStart: 'number',
  },
  exit: { type: 'string', exitCode: 'number | null', end: 'number' },
  error: { type: 'string', refused: 'string', reason: 'string' },
  resized: { type: 'string', cols: 'number', rows: 'number' },
};

/** The messages the web UI sends; connection.test.ts holds them against their golden files. */
const SENT = ['resize', 'ack'];

function kindOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

describe('terminal messages from the hub', () => {
  const names = goldenNames('terminal');

  it.each(names.filter((name) => name.split('.')[0] in HUB_MESSAGES))(
    'golden/terminal/%s.json is read with the properties HubMessage declares',
    (name) => {
      const message = parseHubMessage(goldenText(`terminal/${name}.json`));
      expect(message).not.toBeNull();
      const fields: Record<string, string> = HUB_MESSAGES[message!.type];
      expect(Object.keys(message!).sort()).toEqual(Object.keys(fields).sort());
      for (const [key, value] of Object.entries(message!)) {
        expect(fields[key].split(' | '), `${name}.${key}`).toContain(kindOf(value));
      }
    },
  );

  it('knows every message type of the protocol, as one it reads or one it sends', () => {
    const types = new Set(names.map((name) => name.split('.')[0]));
    expect([...types].sort()).toEqual([...Object.keys(HUB_MESSAGES), ...SENT].sort());
  });
});

describe('terminal frames', () => {
  it('reads the golden output frame: its offset, then its bytes', () => {
    const output = goldenFrame('terminal-output');
    const frame = hexBytes(output.frame);
    const parsed = parseOutputFrame(frame.buffer as ArrayBuffer);
    expect(parsed.offset).toBe(output.offset);
    expect(Array.from(parsed.data)).toEqual(Array.from(hexBytes(output.payload!)));
  });

  it('sends typed text as the golden input frame: its UTF-8 bytes, no header', () => {
    const input = goldenFrame('terminal-input');
    expect(Array.from(encodeInput(input.text!))).toEqual(Array.from(hexBytes(input.frame)));
  });
});
