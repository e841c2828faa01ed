/**
 * Start-up that must run before the first render: logging level, where the
 * codec WASM binaries come from, and the test hook.
 */
import { setLogLevel } from '../core/log/logger';
import { useBrowserCodecWasm } from './loading/browserCodecWasm';
import { installTestHook } from './testing/testHook';

export function startApp(): void {
  setLogLevel(import.meta.env.DEV ? 'info' : 'warn');
  useBrowserCodecWasm();
  installTestHook();
}
