/**
 * Binds a subtree to one store. Every open site tab renders its own `<App>`
 * inside its own provider, so a component always reads and writes the store
 * of the tab it is drawn in, whichever tab is on screen.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from './types.ts';

const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** Makes `store` the one `useStoreApi` / `useAppStore` see below it. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext value={store}>{children}</StoreContext>;
}

/**
 * The store of the enclosing provider, for callbacks that read or write it
 * (`store.getState().clearSelection()`). Throws outside a provider: there is
 * no app-wide store a component could fall back to by mistake.
 */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi outside <StoreProvider>');
  return store;
}

/** Subscribes to the enclosing store; select the minimum (use `useShallow` for derived objects). */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
