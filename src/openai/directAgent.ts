// The dispatcher for direct (unproxied) connections that need their own TLS trust: the OS store,
// extra CA files, or no certificate checks at all (`http.proxyStrictSSL: false`). One Agent per
// trust and connect limit, shared, so connections stay alive between completions.

import { Agent } from 'undici';
import { DispatcherCache } from './dispatcherCache';
import type { TlsTrust } from './tlsTrust';

const agents = new DispatcherCache<string, Agent>();

/** The Agent for `trust`, or undefined when Node's defaults do (the transport's own Agent then). */
export function directAgentFor(trust: TlsTrust, connectMs: number): Agent | undefined {
  if (!trust.ca && trust.rejectUnauthorized) return undefined;
  return agents.get(
    `${connectMs}|${trust.key}`,
    () =>
      new Agent({
        connect: {
          // 0 disables undici's connect timer (the transport runs its own).
          timeout: connectMs > 0 ? connectMs : 0,
          rejectUnauthorized: trust.rejectUnauthorized,
          ...(trust.ca ? { ca: trust.ca } : {}),
        },
      }),
  );
}

/** Closes the cached agents (extension deactivation, end of tests). */
export async function closeDirectAgents(): Promise<void> {
  await agents.destroyAll();
}
