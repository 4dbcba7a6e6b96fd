/** The slice of jsdom's API the test environment uses (jsdom ships no types; @types/jsdom is not needed for this). */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis;
  }
}
