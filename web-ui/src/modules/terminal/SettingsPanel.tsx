import type { Renderer } from './renderer';
import { DEFAULT_FONT_FAMILY, FONT_SIZE_LIMITS, type RendererSetting, SCROLLBACK_LIMITS, type TerminalSettings } from './settings';
import { terminalSettings } from './useTerminalSettings';

/** Monospace fonts people often have; any other can be typed. */
const FONT_SUGGESTIONS = [
  DEFAULT_FONT_FAMILY,
  '"JetBrains Mono", monospace',
  '"Fira Code", monospace',
  '"Cascadia Code", monospace',
  '"Source Code Pro", monospace',
  '"DejaVu Sans Mono", monospace',
  'Menlo, monospace',
  'Consolas, monospace',
  'monospace',
];

interface SettingsPanelProps {
  settings: TerminalSettings;
  /** The renderer in use, which may be the DOM after a WebGL failure. */
  renderer: Renderer;
  onClose: () => void;
}

/** The terminal settings popover; changes apply to every terminal at once and are remembered in this browser. */
export function SettingsPanel({ settings, renderer, onClose }: SettingsPanelProps) {
  const number = (value: string) => (value === '' ? Number.NaN : Number(value));
  return (
    <form
      className="terminal-settings"
      aria-label="Terminal settings"
      data-testid="terminal-settings"
      // The limits are clamped on save; a step mismatch (2500 lines) must not block Enter.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Enter closes the panel before the field's blur would save it.
        const form = new FormData(event.currentTarget);
        terminalSettings.update({
          scrollback: number(String(form.get('scrollback'))),
          fontFamily: String(form.get('fontFamily')),
        });
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <label>
        Scrollback lines
        <input
          type="number"
          name="scrollback"
          min={SCROLLBACK_LIMITS.min}
          max={SCROLLBACK_LIMITS.max}
          step={1000}
          key={settings.scrollback}
          defaultValue={settings.scrollback}
          onBlur={(event) => terminalSettings.update({ scrollback: number(event.target.value) })}
        />
      </label>
      <label>
        Font size
        <input
          type="number"
          name="fontSize"
          min={FONT_SIZE_LIMITS.min}
          max={FONT_SIZE_LIMITS.max}
          value={settings.fontSize}
          onChange={(event) => terminalSettings.update({ fontSize: number(event.target.value) })}
        />
      </label>
      <label>
        Font
        <input
          type="text"
          name="fontFamily"
          list="terminal-fonts"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          key={settings.fontFamily}
          defaultValue={settings.fontFamily}
          title="A CSS font list: the first font installed here is used"
          onBlur={(event) => terminalSettings.update({ fontFamily: event.target.value })}
        />
        <datalist id="terminal-fonts">
          {FONT_SUGGESTIONS.map((font) => (
            <option key={font} value={font} />
          ))}
        </datalist>
      </label>
      <label>
        Renderer
        <select
          name="renderer"
          value={settings.renderer}
          onChange={(event) => terminalSettings.update({ renderer: event.target.value as RendererSetting })}
        >
          <option value="auto">Automatic</option>
          <option value="webgl">WebGL</option>
          <option value="dom">DOM</option>
        </select>
      </label>
      <p className="muted terminal-settings-note">
        In use: {renderer === 'webgl' ? 'WebGL' : 'DOM'}
        {settings.renderer !== 'dom' && renderer === 'dom' ? ' (WebGL is unavailable here, or drawn without a GPU)' : ''}
      </p>
      <label className="check">
        <input
          type="checkbox"
          name="osc52"
          checked={settings.osc52}
          onChange={(event) => terminalSettings.update({ osc52: event.target.checked })}
        />
        Let programs write the clipboard (OSC 52)
      </label>
      <div className="terminal-settings-actions">
        <button type="button" className="button button-small button-ghost" onClick={() => terminalSettings.reset()}>
          Defaults
        </button>
        <button type="submit" className="button button-small">
          Done
        </button>
      </div>
    </form>
  );
}
