import type { HostHealth } from '../../api/types';

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes in binary units with one decimal below 10 (e.g. 512 MiB, 7.5 GiB). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** CPU busy percent, whole numbers. */
export function formatCpu(health: HostHealth): string {
  return health.cpuPercent === null ? '–' : `${Math.round(health.cpuPercent)}%`;
}

/** Used of total memory, e.g. "9.3 GiB / 16 GiB". */
export function formatMemory(health: HostHealth): string {
  const { memoryTotalBytes: total, memoryAvailableBytes: available } = health;
  if (total === null || available === null) return '–';
  return `${formatBytes(Math.max(0, total - available))} / ${formatBytes(total)}`;
}

/** Free of total disk, e.g. "186 GiB free of 466 GiB". */
export function formatDisk(health: HostHealth): string {
  if (health.diskFreeBytes === null) return '–';
  const total = health.diskTotalBytes === null ? '' : ` of ${formatBytes(health.diskTotalBytes)}`;
  return `${formatBytes(health.diskFreeBytes)} free${total}`;
}

/** The three load averages, two decimals each. */
export function formatLoad(health: HostHealth): string {
  const loads = [health.load1, health.load5, health.load15];
  if (loads.some((load) => load === null)) return '–';
  return loads.map((load) => (load as number).toFixed(2)).join(' ');
}

/** OS and kernel, e.g. "Linux 6.8.0-45-generic". */
export function formatOs(health: HostHealth): string {
  return [health.os, health.kernelVersion].filter(Boolean).join(' ') || '–';
}

/** Session isolation as the fleet page shows it, with its reason when sessions are not isolated. */
export function formatIsolation(health: HostHealth): { text: string; reason: string | null; isolated: boolean } {
  switch (health.sessionIsolation) {
    case 'available':
      return { text: 'isolated', reason: null, isolated: true };
    case 'unavailable':
      return { text: 'isolation unavailable', reason: health.sessionIsolationReason ?? null, isolated: false };
    case 'off':
      return { text: 'isolation off', reason: health.sessionIsolationReason ?? null, isolated: false };
    default:
      return { text: 'isolation unknown', reason: 'the daemon does not report it', isolated: false };
  }
}

/** Labels as "key=value" lines, sorted by key. */
export function labelsToText(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key]}`)
    .join('\n');
}

/** Parses "key=value" lines (blank lines skipped); answers the labels or the first error. */
export function parseLabels(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  for (const line of lines) {
    const equals = line.indexOf('=');
    if (equals <= 0) return { error: `“${line}” is not key=value` };
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (key.length > 64 || value.length > 64) return { error: 'Keys and values are at most 64 characters.' };
    if (key in labels) return { error: `Label “${key}” appears twice.` };
    labels[key] = value;
  }
  if (Object.keys(labels).length > 20) return { error: 'A host has at most 20 labels.' };
  return { labels };
}

/** A host name the hub accepts: 1–64 letters, digits, dots, underscores and dashes. */
export function isValidHostName(name: string): boolean {
  return /^[A-Za-z0-9._-]{1,64}$/.test(name);
}
