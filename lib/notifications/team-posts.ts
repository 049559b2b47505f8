import { recordAttempt } from "./attempts";
import { deliverToMethod, type TDeliveryResult } from "./deliver";
import { recipientLocale } from "./notify";
import type { TContactMethodKind, TNotificationBody, TUrgency } from "./schema";

/**
 * A team's chat channel as this module needs it to post: the address is a contact method's target
 * of the same kind, sent through the same admin-configured channel. Teams belong to lib/oncall,
 * which hands them in as plain data.
 */
export type TTeamChannelAddress = { id: string; teamId: string; teamName: string; kind: TContactMethodKind; label: string; target: unknown; locale: string };

export type TTeamPostOutcome = TDeliveryResult & { teamChannelId: string; label: string };

/**
 * Posts one notification to each of a team's channels at once, recording every attempt like a
 * person's. Never throws: the caller decides what "nobody took it" means (escalation retries).
 */
export async function postToTeamChannels(channels: readonly TTeamChannelAddress[], notification: TNotificationBody, urgency: TUrgency, now: Date): Promise<TTeamPostOutcome[]> {
  const incidentId = notification.type === "shift" ? null : notification.incident.id;
  return Promise.all(
    channels.map(async (channel) => {
      const method = { id: channel.id, kind: channel.kind, label: channel.label, target: channel.target };
      const recipient = { name: channel.teamName, email: "", locale: recipientLocale(channel.locale), team: true };
      const result = await deliverToMethod(method, notification, urgency, recipient, now);
      await recordAttempt({ teamId: channel.teamId, teamChannelId: channel.id, notificationId: null, incidentId, method, result, test: false, at: now });
      return { ...result, teamChannelId: channel.id, label: channel.label };
    }),
  );
}
