/** Every browser-side error code is documented in docs/errors.md. */
import { describe, expect, it } from 'vitest';
import doc from '../../../../docs/errors.md?raw';
import { WebErrorCodes } from './errorMessages.ts';

describe('docs/errors.md', () => {
  it.each(Object.values(WebErrorCodes))('documents %s as a table row', (code) => {
    expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });
});
