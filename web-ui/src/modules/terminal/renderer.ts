import { WebglAddon } from '@xterm/addon-webgl';
import type { Terminal } from '@xterm/xterm';
import type { RendererSetting } from './settings';
import { webglIsSoftware } from './webglSupport';

/** What draws a terminal: xterm's WebGL renderer, or its DOM renderer. */
export type Renderer = 'webgl' | 'dom';

/**
 * Switches one terminal between the WebGL and the DOM renderer as the setting says, and falls back
 * to the DOM when WebGL cannot load or loses its context.
 */
export class RendererSwitch {
  private webgl: WebglAddon | null = null;
  private renderer: Renderer = 'dom';

  constructor(
    private readonly term: Terminal,
    private readonly onChange: (renderer: Renderer) => void,
  ) {}

  get current(): Renderer {
    return this.renderer;
  }

  use(setting: RendererSetting): void {
    if (setting === 'dom' || (setting === 'auto' && webglIsSoftware())) {
      this.webgl?.dispose();
      this.webgl = null;
      this.set('dom');
    } else if (!this.webgl) {
      this.webgl = this.loadWebgl();
      this.set(this.webgl ? 'webgl' : 'dom');
    }
  }

  private set(renderer: Renderer): void {
    this.renderer = renderer;
    this.onChange(renderer);
  }

  /** Loads the WebGL renderer; `null` (xterm's DOM renderer) when WebGL is unavailable. */
  private loadWebgl(): WebglAddon | null {
    try {
      const webgl = new WebglAddon();
      webgl.onContextLoss(() => {
        webgl.dispose();
        this.webgl = null;
        this.set('dom');
      });
      this.term.loadAddon(webgl);
      return webgl;
    } catch (error) {
      console.info('drover: WebGL unavailable, using the DOM renderer', error);
      return null;
    }
  }
}
