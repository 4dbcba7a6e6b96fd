/**
 * A minimal render helper for component tests: React's own `act` and
 * `createRoot`, no testing library (the web package has none as a dependency).
 */
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';
import { resetLanguageForTests, setLanguage } from '../../i18n/languageStore.ts';

// React warns unless the environment declares that it wraps updates in act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A mounted tree and its container. */
export interface Rendered {
  container: HTMLElement;
  root: Root;
  unmount: () => void;
}

/** Mounts `node` into a fresh container attached to the document. */
export function render(node: ReactNode): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return {
    container,
    root,
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/**
 * Registers what every component test here needs: English at the start of
 * each test, and every tree mounted through the returned function unmounted
 * after it. Call once inside a `describe`.
 */
export function componentTestHooks(): (node: ReactNode) => Rendered {
  const mounted: Rendered[] = [];
  beforeEach(() => {
    resetLanguageForTests();
    setLanguage('en');
  });
  afterEach(() => {
    for (const r of mounted.splice(0)) r.unmount();
  });
  return (node) => {
    const r = render(node);
    mounted.push(r);
    return r;
  };
}

/** Sets an input's value the way React notices (through the native setter) and fires `input`. */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Dispatches a keydown with `key` on `el`. */
export function keyDown(el: Element, key: string): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
}

/** Finds a labelled control by its label's text (exact), the way a user would. */
export function getByLabelText(container: HTMLElement, text: string): HTMLElement {
  for (const label of container.querySelectorAll('label')) {
    if (label.textContent?.trim() === text) {
      const el = label.htmlFor ? container.ownerDocument.getElementById(label.htmlFor) : label.querySelector<HTMLElement>('input,select,textarea');
      if (el) return el;
    }
  }
  throw new Error(`no control labelled "${text}"`);
}
