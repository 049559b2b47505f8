import type { ComponentProps } from "react";
import { ActionForm } from "@/components/ui/action-form";

/** An ActionForm that acts on one incident: every incident action reads `incidentId` from the form. */
export function IncidentActionForm({ incidentId, children, ...props }: ComponentProps<typeof ActionForm> & { incidentId: string }) {
  return (
    <ActionForm {...props}>
      <input type="hidden" name="incidentId" value={incidentId} />
      {children}
    </ActionForm>
  );
}
