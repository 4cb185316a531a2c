// Test support: the protocol's golden wire messages and frame layouts
// (protocol/src/test/resources/golden/, see its README), which the hub's and the daemon's tests read
// too. Only tests import this file.
import { readFileSync, readdirSync } from 'node:fs';

const GOLDEN = new URL('../../../../protocol/src/test/resources/golden/', import.meta.url);

/** The text of `golden/<path>`. */
export function goldenText(path: string): string {
  return readFileSync(new URL(path, GOLDEN), 'utf8');
}

/** The parsed JSON of `golden/<path>`. */
export function goldenJson(path: string): Record<string, unknown> {
  return JSON.parse(goldenText(path)) as Record<string, unknown>;
}

/** The names (without `.json`) of the golden files in `folder`. */
export function goldenNames(folder: string): string[] {
  return readdirSync(new URL(`${folder}/`, GOLDEN))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length));
}

/** A frame layout of `golden/frames/`: what it carries, and its bytes spelled in hex. */
export interface FrameFixture {
  offset?: number;
  text?: string;
  payload?: string;
  frame: string;
}

export function goldenFrame(name: 'terminal-output' | 'terminal-input'): FrameFixture {
  return goldenJson(`frames/${name}.json`) as unknown as FrameFixture;
}

/** The bytes a golden file spells in hex (spaces between fields ignored). */
export function hexBytes(spelled: string): Uint8Array {
  const hex = spelled.replace(/\s/g, '');
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}
