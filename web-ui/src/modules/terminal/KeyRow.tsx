import type { Modifiers, RowKey } from './keyRow';

const KEYS: { key: RowKey; label: string; name: string }[] = [
  { key: 'Esc', label: 'Esc', name: 'Escape' },
  { key: 'Tab', label: 'Tab', name: 'Tab' },
  { key: 'Up', label: '↑', name: 'Up' },
  { key: 'Down', label: '↓', name: 'Down' },
  { key: 'Left', label: '←', name: 'Left' },
  { key: 'Right', label: '→', name: 'Right' },
  { key: '|', label: '|', name: 'Pipe' },
  { key: '~', label: '~', name: 'Tilde' },
  { key: '/', label: '/', name: 'Slash' },
];

interface KeyRowProps {
  modifiers: Modifiers;
  onModifiers: (next: Modifiers) => void;
  onKey: (key: RowKey) => void;
}

/**
 * Keys a phone keyboard lacks, under the terminal on touch screens (CSS shows it for coarse
 * pointers). Pressing a key never takes the focus from the terminal, so the keyboard stays up.
 */
export function KeyRow({ modifiers, onModifiers, onKey }: KeyRowProps) {
  const keep = (event: React.PointerEvent | React.MouseEvent) => event.preventDefault();
  return (
    <div className="terminal-keys" role="toolbar" aria-label="Terminal keys" data-testid="terminal-keys">
      {(['ctrl', 'alt'] as const).map((modifier) => (
        <button
          key={modifier}
          type="button"
          className="terminal-key terminal-key-modifier"
          aria-pressed={modifiers[modifier]}
          data-key={modifier}
          onPointerDown={keep}
          onMouseDown={keep}
          onClick={() => onModifiers({ ...modifiers, [modifier]: !modifiers[modifier] })}
        >
          {modifier === 'ctrl' ? 'Ctrl' : 'Alt'}
        </button>
      ))}
      {KEYS.map(({ key, label, name }) => (
        <button
          key={key}
          type="button"
          className="terminal-key"
          aria-label={name}
          data-key={key}
          onPointerDown={keep}
          onMouseDown={keep}
          onClick={() => onKey(key)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
