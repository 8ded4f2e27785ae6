// Who is calling: a client key (its id, name and own policy) or, in open mode, the shared "open"
// identity. Set by the auth middleware on c.var.identity; later stages read it.
import type { KeyPolicy } from "./policy.ts";

export interface Identity {
  /** The key id, or "open". Used for usage accounting and to scope sticky conversations. */
  id: string;
  kind: "key" | "open";
  name: string;
  /** The key's own policy (open: the deployment policy). Narrowed per request by effective-policy.ts. */
  policy: KeyPolicy;
}

export const OPEN_IDENTITY_ID = "open";

/** A tenant (whose learning state applies): a client key's id, or DEFAULT_TENANT. */
export const TENANT_ID = /^[\w.:-]{1,64}$/;
export const DEFAULT_TENANT = "default";
