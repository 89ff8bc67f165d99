// When the connect phase ends. undici has no event for "this request now has a socket", which the transport's
// connect and first-byte timers need, so a thin wrapper watches the handler callback that marks it.

import type { Dispatcher } from 'undici';

/**
 * Wraps a dispatcher so `onConnected` runs when the request is put on a connected socket: undici calls the
 * handler's onConnect (legacy handlers, like request()'s) or onRequestStart (new-style) at that moment.
 */
export function withConnectHook(base: Dispatcher, onConnected: () => void): Dispatcher {
  const dispatch = (opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean => {
    const hooked = new Proxy(handler, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (prop === 'onConnect' || prop === 'onRequestStart') {
          return (...args: unknown[]) => {
            onConnected();
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    return base.dispatch(opts, hooked);
  };
  return { dispatch } as unknown as Dispatcher;
}
