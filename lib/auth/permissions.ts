import type { OrgRole } from "@/lib/generated/prisma/enums";
import { forbidden } from "@/lib/errors";
import { labelled } from "@/lib/i18n/message";

export type TActor = { id: string; name: string; email: string; role: OrgRole };

export type TPermission = "incident:read" | "incident:write" | "service:manage" | "integration:manage" | "user:manage" | "oncall:manage";

const GRANTS: Record<OrgRole, readonly TPermission[]> = {
  admin: ["incident:read", "incident:write", "service:manage", "integration:manage", "user:manage", "oncall:manage"],
  responder: ["incident:read", "incident:write"],
  viewer: ["incident:read"],
};

export function can(role: OrgRole, permission: TPermission): boolean {
  return GRANTS[role].includes(permission);
}

export function assertCan(actor: TActor, permission: TPermission): void {
  if (!can(actor.role, permission))
    throw forbidden("errors.roleNotAllowed", {
      role: labelled(actor.role, `common.role.${actor.role}`),
      permission: labelled(permission, `errors.permission.${permission}`),
    });
}
