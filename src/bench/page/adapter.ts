/** What the browser's WebGPU adapter says about itself. */
import type { AdapterReport } from '../types';

interface AdapterLike {
  isFallbackAdapter?: boolean;
  features: { has(name: string): boolean };
  info?: {
    vendor?: string;
    architecture?: string;
    device?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

/** The WebGL renderer string (SwiftShader means software rendering). */
function webglRenderer(): string | undefined {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return undefined;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

export async function describeAdapter(): Promise<AdapterReport> {
  const gpu = (
    navigator as Navigator & { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }
  ).gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  if (!adapter) return { available: false, webglRenderer: webglRenderer() };
  const info = adapter.info ?? {};
  return {
    available: true,
    isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? false,
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    shaderF16: adapter.features.has('shader-f16'),
    webglRenderer: webglRenderer(),
  };
}
