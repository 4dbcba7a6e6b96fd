/**
 * One site tab's panel: binds everything below it to that tab's store and
 * services, and says whether the tab is on screen. Every open tab keeps its
 * panel (and its `<App>`) mounted; the inactive ones are `hidden` and
 * `inert`, so neither the keyboard nor assistive technology reaches them,
 * and their component state (console history, filters, scroll positions,
 * open panels) is still there when the tab comes back.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { Services } from '../../api/services.ts';
import { TabContext, type TabContextValue } from '../../hooks/tabContext.ts';
import { createFilePicker } from '../../lib/filePicker.ts';
import { StoreProvider } from '../../store/index.ts';

/** Props of TabScope. */
export interface TabScopeProps {
  services: Services;
  active: boolean;
  /** DOM id of the panel (the tab button's `aria-controls`). */
  id?: string;
  /** DOM id of the tab button that names the panel. */
  labelledBy?: string;
  children: ReactNode;
}

/** The panel of one site tab, with its providers. */
export function TabScope({ services, active, id, labelledBy, children }: TabScopeProps) {
  const root = useRef<HTMLDivElement>(null);
  const [filePicker] = useState(createFilePicker);
  const actionEnv = useMemo(() => ({ ops: services.ops, pickFiles: () => filePicker.open() }), [services, filePicker]);
  const value = useMemo<TabContextValue>(() => ({ services, active, filePicker, actionEnv, root }), [services, active, filePicker, actionEnv]);
  return (
    <div ref={root} className="site-tabs-body" role="tabpanel" id={id} aria-labelledby={labelledBy} hidden={!active} inert={!active}>
      <StoreProvider store={services.store}>
        <TabContext value={value}>{children}</TabContext>
      </StoreProvider>
    </div>
  );
}
