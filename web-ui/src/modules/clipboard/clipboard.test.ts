import { describe, expect, it } from 'vitest';
import { type ClipboardHost, copyText } from './clipboard';

/** A document whose copy command fires a copy event at the listeners, as browsers do. */
function commandDocument(allowed = true) {
  const listeners = new Set<(event: ClipboardEvent) => void>();
  const copied: string[] = [];
  const doc = {
    addEventListener: (type: string, listener: (event: ClipboardEvent) => void) => {
      if (type === 'copy') listeners.add(listener);
    },
    removeEventListener: (type: string, listener: (event: ClipboardEvent) => void) => {
      if (type === 'copy') listeners.delete(listener);
    },
    execCommand: (command: string) => {
      if (command !== 'copy' || !allowed) return false;
      const data = new Map<string, string>();
      const event = {
        clipboardData: { setData: (format: string, value: string) => data.set(format, value) },
        preventDefault: () => undefined,
      } as unknown as ClipboardEvent;
      listeners.forEach((listener) => listener(event));
      const text = data.get('text/plain');
      if (text !== undefined) copied.push(text);
      return true;
    },
  };
  return { doc: doc as unknown as ClipboardHost['document'], copied, listeners };
}

describe('copyText', () => {
  it('uses the asynchronous clipboard where the page has one', async () => {
    const written: string[] = [];
    const { doc, copied } = commandDocument();
    const ok = await copyText('ls -la', { clipboard: { writeText: async (text) => void written.push(text) }, document: doc });
    expect(ok).toBe(true);
    expect(written).toEqual(['ls -la']);
    expect(copied).toEqual([]);
  });

  it('falls back to the copy command on plain http, where there is no navigator.clipboard', async () => {
    const { doc, copied, listeners } = commandDocument();
    expect(await copyText('héllo → wörld', { document: doc })).toBe(true);
    expect(copied).toEqual(['héllo → wörld']);
    expect(listeners.size).toBe(0);
  });

  it('falls back to the copy command when the clipboard refuses', async () => {
    const { doc, copied } = commandDocument();
    const refusing = { writeText: () => Promise.reject(new Error('Document is not focused')) };
    expect(await copyText('git status', { clipboard: refusing, document: doc })).toBe(true);
    expect(copied).toEqual(['git status']);
  });

  it('says so when neither way works', async () => {
    const { doc, listeners } = commandDocument(false);
    expect(await copyText('x', { document: doc })).toBe(false);
    expect(await copyText('x', {})).toBe(false);
    expect(listeners.size).toBe(0);
  });
});
