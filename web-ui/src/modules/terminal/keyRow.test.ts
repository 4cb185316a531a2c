import { describe, expect, it } from 'vitest';
import { NO_MODIFIERS, rowKeyData, withModifiers } from './keyRow';

describe('key row', () => {
  it('sends Esc, Tab and the characters a phone keyboard hides', () => {
    expect(rowKeyData('Esc', false, NO_MODIFIERS)).toBe('\x1b');
    expect(rowKeyData('Tab', false, NO_MODIFIERS)).toBe('\t');
    expect(['|', '~', '/'].map((key) => rowKeyData(key as '|', false, NO_MODIFIERS))).toEqual(['|', '~', '/']);
  });

  it('sends arrows in the cursor mode the program chose', () => {
    expect(rowKeyData('Up', false, NO_MODIFIERS)).toBe('\x1b[A');
    expect(rowKeyData('Left', true, NO_MODIFIERS)).toBe('\x1bOD');
    expect(rowKeyData('Right', true, { ctrl: true, alt: false })).toBe('\x1b[1;5C');
    expect(rowKeyData('Down', false, { ctrl: false, alt: true })).toBe('\x1b[1;3B');
  });

  it('applies sticky Ctrl and Alt to the next typed key', () => {
    expect(withModifiers('c', { ctrl: true, alt: false })).toBe('\x03');
    expect(withModifiers('D', { ctrl: true, alt: false })).toBe('\x04');
    expect(withModifiers('[', { ctrl: true, alt: false })).toBe('\x1b');
    expect(withModifiers('b', { ctrl: false, alt: true })).toBe('\x1bb');
    expect(withModifiers('x', { ctrl: true, alt: true })).toBe('\x1b\x18');
    expect(withModifiers('1', { ctrl: true, alt: false })).toBe('1');
  });

  it('leaves longer input (pastes, autocompleted words) alone', () => {
    expect(withModifiers('hello', { ctrl: true, alt: true })).toBe('hello');
  });
});
