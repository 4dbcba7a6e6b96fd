/**
 * The password box keeps its value out of the DOM's attributes, through
 * typing and through values set from outside (a saved site picked).
 */
import { act, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { componentTestHooks, getByLabelText, typeInto } from '../../insight/testing/render.tsx';
import { SecretInput } from './SecretInput.tsx';

function Harness({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <label htmlFor="pw">Password</label>
      <SecretInput id="pw" value={value} onValueChange={setValue} />
      <button type="button" onClick={() => setValue('from-a-saved-site')}>
        pick
      </button>
      <output>{value.length}</output>
    </>
  );
}

describe('SecretInput', () => {
  const mount = componentTestHooks();

  it('holds typed and given values in the property only, never in an attribute', () => {
    const { container } = mount(<Harness initial="initial-secret" />);
    const box = getByLabelText(container, 'Password') as HTMLInputElement;
    expect(box.value).toBe('initial-secret');
    typeInto(box, 'typed-secret');
    expect(box.value).toBe('typed-secret');
    expect(container.querySelector('output')?.textContent).toBe(String('typed-secret'.length));
    act(() => container.querySelector('button')?.click());
    expect(box.value).toBe('from-a-saved-site');
    expect(box.type).toBe('password');
    expect(box.hasAttribute('value')).toBe(false);
    expect(container.innerHTML).not.toMatch(/secret|saved-site/);
  });
});
