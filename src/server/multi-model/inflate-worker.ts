/**
 * Worker body: inflates zip archives off the request thread and sends their entries back,
 * buffers transferred (not copied). Messages are `{id, bytes}`; answers `{id, names, data}`
 * or `{id, error}`. See inflate.ts.
 */
import { unzipSync } from 'fflate';

declare const self: Worker;

self.onmessage = (event: MessageEvent<{ id: number; bytes: Uint8Array }>) => {
  const { id, bytes } = event.data;
  try {
    const files = unzipSync(bytes);
    const names: string[] = [];
    const data: Uint8Array[] = [];
    const buffers = new Set<ArrayBuffer>();
    for (const name in files) {
      if (name.endsWith('/')) continue;
      names.push(name);
      data.push(files[name]);
      buffers.add(files[name].buffer as ArrayBuffer);
    }
    self.postMessage({ id, names, data }, [...buffers]);
  } catch (e) {
    self.postMessage({ id, error: (e as Error).message });
  }
};
