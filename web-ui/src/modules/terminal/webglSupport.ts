// Whether WebGL here runs on a GPU. Without one, browsers draw WebGL in software (SwiftShader,
// llvmpipe): no faster than the DOM renderer, and xterm's WebGL renderer draws nothing at all
// there at a device pixel ratio of 2 (seen with Chromium's SwiftShader), which a phone or a
// HiDPI screen in a VM has. The `auto` renderer setting therefore uses WebGL only on a GPU.

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** Whether a WebGL renderer name (`UNMASKED_RENDERER_WEBGL`) is a software rasterizer. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERERS.test(name);
}

/** The name of the renderer WebGL 2 uses in this browser, or null when it has none or hides it. */
export function webglRendererName(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

let software: boolean | undefined;

/** Whether this browser draws WebGL in software (asked once per page). */
export function webglIsSoftware(): boolean {
  software ??= isSoftwareRenderer(webglRendererName() ?? '');
  return software;
}
