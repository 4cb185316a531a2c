import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBinaryInput, parseHubMessage, parseOutputFrame, planFrame } from './frames';

function frame(offset: number, text: string): ArrayBuffer {
  const bytes = new TextEncoder().encode(text);
  const buffer = new ArrayBuffer(8 + bytes.byteLength);
  new DataView(buffer).setBigUint64(0, BigInt(offset), false);
  new Uint8Array(buffer, 8).set(bytes);
  return buffer;
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('parseOutputFrame', () => {
  it('reads the big-endian offset and the bytes after it', () => {
    const parsed = parseOutputFrame(frame(0x1_0000_0002, 'hi'));
    expect(parsed.offset).toBe(4294967298);
    expect(decode(parsed.data)).toBe('hi');
  });

  it('accepts a frame with an offset and no bytes', () => {
    const parsed = parseOutputFrame(frame(7, ''));
    expect(parsed.offset).toBe(7);
    expect(parsed.data.byteLength).toBe(0);
  });

  it('rejects a frame shorter than its offset', () => {
    expect(() => parseOutputFrame(new ArrayBuffer(5))).toThrow('terminal frame of 5 bytes has no offset');
  });
});

describe('planFrame', () => {
  it('writes a frame that starts at the expected offset', () => {
    const plan = planFrame(parseOutputFrame(frame(10, 'hello')), 10);
    expect(decode(plan.fresh)).toBe('hello');
    expect(plan.next).toBe(15);
    expect(plan.gap).toBe(0);
  });

  it('drops a frame already rendered', () => {
    const plan = planFrame(parseOutputFrame(frame(10, 'hello')), 15);
    expect(plan.fresh.byteLength).toBe(0);
    expect(plan.next).toBe(15);
  });

  it('drops the rendered prefix of an overlapping frame', () => {
    const plan = planFrame(parseOutputFrame(frame(10, 'hello world')), 16);
    expect(decode(plan.fresh)).toBe('world');
    expect(plan.next).toBe(21);
  });

  it('replays a reconnect without duplicating bytes', () => {
    let next = 0;
    let screen = '';
    for (const [offset, text] of [
      [0, 'abc'],
      [3, 'def'],
      [0, 'abcdef'],
      [4, 'efgh'],
    ] as const) {
      const plan = planFrame(parseOutputFrame(frame(offset, text)), next);
      screen += decode(plan.fresh);
      next = plan.next;
    }
    expect(screen).toBe('abcdefgh');
    expect(next).toBe(8);
  });

  it('reports bytes the hub skipped and moves past them', () => {
    const plan = planFrame(parseOutputFrame(frame(20, 'x')), 12);
    expect(decode(plan.fresh)).toBe('x');
    expect(plan.gap).toBe(8);
    expect(plan.next).toBe(21);
  });
});

describe('parseHubMessage', () => {
  it('reads attached and exit messages', () => {
    expect(parseHubMessage('{"type":"attached","sessionId":"s1","from":0,"window":1048576,"readOnly":true}')).toEqual({
      type: 'attached',
      sessionId: 's1',
      from: 0,
      window: 1048576,
      readOnly: true,
    });
    expect(parseHubMessage('{"type":"exit","exitCode":3,"end":1234}')).toEqual({ type: 'exit', exitCode: 3, end: 1234 });
  });

  it('reads a screen message and decodes its bytes', () => {
    const data = Buffer.from('\x1b[H€ screen').toString('base64');
    const message = parseHubMessage(`{"type":"screen","offset":5000,"cols":80,"rows":24,"data":"${data}"}`);
    expect(message).toEqual({ type: 'screen', offset: 5000, cols: 80, rows: 24, data });
    expect(decode(decodeBase64(data))).toBe('\x1b[H€ screen');
    expect(parseHubMessage('{"type":"screen","offset":1}')).toBeNull();
  });

  it('ignores unknown and malformed messages', () => {
    expect(parseHubMessage('{"type":"state","state":"idle"}')).toBeNull();
    expect(parseHubMessage('not json')).toBeNull();
  });
});

describe('encodeBinaryInput', () => {
  it('keeps each char code as one byte', () => {
    expect(Array.from(encodeBinaryInput('\x1b[M \xff'))).toEqual([0x1b, 0x5b, 0x4d, 0x20, 0xff]);
  });
});
