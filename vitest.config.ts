import { defineConfig } from 'vitest/config';

// One runner for every package. Each project keeps its own environment;
// real FTP servers start inside the tests themselves (see packages/test-servers).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/server', 'apps/web'],
  },
});
