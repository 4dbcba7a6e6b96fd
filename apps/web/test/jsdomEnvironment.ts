/**
 * A jsdom test environment that loads jsdom from THIS package's
 * dependencies. Vitest's built-in `jsdom` environment imports jsdom from
 * wherever the root vitest lives, and the root's peer resolution picked
 * jsdom 31, which needs Node 22 (undici 8 calls zlib zstd). Node 20 is our
 * floor, so the web project pins jsdom 27 and loads it here.
 */
import { JSDOM } from 'jsdom';
import type { Environment } from 'vitest/runtime';
import { populateGlobal } from 'vitest/runtime';

const environment: Environment = {
  name: 'web-jsdom',
  viteEnvironment: 'client',
  setup(global) {
    const dom = new JSDOM('<!DOCTYPE html>', {
      pretendToBeVisual: true,
      url: 'http://localhost:3000',
    });
    const { keys, originals } = populateGlobal(global, dom.window, { bindFunctions: true });
    return {
      teardown(g) {
        dom.window.close();
        for (const key of keys) Reflect.deleteProperty(g, key);
        for (const [k, v] of originals) Reflect.set(g, k, v);
      },
    };
  },
};

export default environment;
