import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    // Not the built-in 'jsdom': see test/jsdomEnvironment.ts for why.
    environment: './test/jsdomEnvironment.ts',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
