import { describe, expect, it } from 'vitest';
import type { HostHealth } from '../../api/types';
import {
  formatBytes,
  formatCpu,
  formatDisk,
  formatIsolation,
  formatLoad,
  formatMemory,
  formatOs,
  isValidHostName,
  labelsToText,
  parseLabels,
} from './health';

const health: HostHealth = {
  cpuPercent: 12.6,
  memoryTotalBytes: 16 * 1024 ** 3,
  memoryAvailableBytes: 6.5 * 1024 ** 3,
  diskTotalBytes: 500 * 1024 ** 3,
  diskFreeBytes: 200 * 1024 ** 3,
  load1: 0.5,
  load5: 0.25,
  load15: 1.125,
  os: 'Linux',
  kernelVersion: '6.8.0-45-generic',
  daemonVersion: '0.1.0',
  tmuxVersion: 'tmux 3.4',
  gitVersion: null,
  sessionIsolation: 'available',
  sessionIsolationReason: null,
};

describe('host health formatting', () => {
  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(16 * 1024 ** 3)).toBe('16 GiB');
    expect(formatBytes(null)).toBe('–');
  });

  it('formats every figure of a heartbeat', () => {
    expect(formatCpu(health)).toBe('13%');
    expect(formatMemory(health)).toBe('9.5 GiB / 16 GiB');
    expect(formatDisk(health)).toBe('200 GiB free of 500 GiB');
    expect(formatLoad(health)).toBe('0.50 0.25 1.13');
    expect(formatOs(health)).toBe('Linux 6.8.0-45-generic');
  });

  it('says whether sessions are isolated, and why not', () => {
    expect(formatIsolation(health)).toEqual({ text: 'isolated', reason: null, isolated: true });
    const unavailable = {
      ...health,
      sessionIsolation: 'unavailable' as const,
      sessionIsolationReason: 'unshare: unshare failed: Operation not permitted',
    };
    expect(formatIsolation(unavailable)).toEqual({
      text: 'isolation unavailable',
      reason: 'unshare: unshare failed: Operation not permitted',
      isolated: false,
    });
    expect(formatIsolation({ ...health, sessionIsolation: null }).text).toBe('isolation unknown');
  });

  it('shows a dash for values the daemon could not read', () => {
    const unknown = { ...health, cpuPercent: null, memoryAvailableBytes: null, diskFreeBytes: null, load5: null };
    expect(formatCpu(unknown)).toBe('–');
    expect(formatMemory(unknown)).toBe('–');
    expect(formatDisk(unknown)).toBe('–');
    expect(formatLoad(unknown)).toBe('–');
  });
});

describe('labels', () => {
  it('round-trips key=value lines', () => {
    const text = labelsToText({ zone: 'eu', gpu: 'a100' });
    expect(text).toBe('gpu=a100\nzone=eu');
    expect(parseLabels(`${text}\n\n`)).toEqual({ labels: { gpu: 'a100', zone: 'eu' } });
  });

  it('refuses lines without a key, duplicates and too many labels', () => {
    expect(parseLabels('novalue')).toEqual({ error: '“novalue” is not key=value' });
    expect(parseLabels('=x')).toEqual({ error: '“=x” is not key=value' });
    expect(parseLabels('a=1\na=2')).toEqual({ error: 'Label “a” appears twice.' });
    const many = Array.from({ length: 21 }, (_, i) => `k${i}=v`).join('\n');
    expect(parseLabels(many)).toEqual({ error: 'A host has at most 20 labels.' });
  });
});

describe('host names', () => {
  it('accepts what the hub accepts', () => {
    expect(isValidHostName('gpu-01.eu_west')).toBe(true);
    expect(isValidHostName('')).toBe(false);
    expect(isValidHostName('has space')).toBe(false);
    expect(isValidHostName('x'.repeat(65))).toBe(false);
  });
});
