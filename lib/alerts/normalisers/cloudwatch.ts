import { z } from "zod";
import { links, parsePayload, parseSenderTime, stringLabels, truncate } from "../payload-parsing";
import { AlertPayloadError, type TNormalisedAlert, type TNormalisedDelivery } from "../schema";

/** The SNS envelope, as an HTTP(S) subscription posts it or as a Lambda record carries it. */
export const ZSnsEnvelope = z.looseObject({
  Type: z.string(),
  MessageId: z.string().min(1),
  TopicArn: z.string().min(1),
  Subject: z.string().nullish(),
  Message: z.string(),
  Timestamp: z.string(),
  SignatureVersion: z.string().optional(),
  Signature: z.string().optional(),
  SigningCertURL: z.string().optional(),
  SigningCertUrl: z.string().optional(),
  SubscribeURL: z.string().optional(),
  Token: z.string().optional(),
});
export type TSnsEnvelope = z.infer<typeof ZSnsEnvelope>;

const ZLambdaRecords = z.looseObject({ Records: z.array(z.looseObject({ Sns: ZSnsEnvelope })).min(1) });

const ZAlarm = z.looseObject({
  AlarmName: z.string().min(1),
  AlarmDescription: z.string().nullish(),
  AWSAccountId: z.string().optional(),
  NewStateValue: z.enum(["ALARM", "OK", "INSUFFICIENT_DATA"]),
  NewStateReason: z.string().optional(),
  StateChangeTime: z.string().min(1),
  Region: z.string().optional(),
  AlarmArn: z.string().optional(),
  OldStateValue: z.string().optional(),
  Trigger: z
    .looseObject({
      MetricName: z.string().optional(),
      Namespace: z.string().optional(),
      Dimensions: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
    })
    .nullish(),
});

/** The SNS envelopes in a payload, whichever of the two shapes it has. */
export function snsEnvelopes(payload: unknown): TSnsEnvelope[] {
  if (payload && typeof payload === "object" && "Records" in payload) {
    return parsePayload(ZLambdaRecords, payload, "SNS Lambda event").Records.map((record) => record.Sns);
  }
  return [parsePayload(ZSnsEnvelope, payload, "SNS notification")];
}

const regionOfArn = (arn: string | undefined) => arn?.split(":")[3] || undefined;

function alarmFrom(envelope: TSnsEnvelope, index: number, receivedAt: Date): TNormalisedAlert {
  let message: unknown;
  try {
    message = JSON.parse(envelope.Message);
  } catch {
    throw new AlertPayloadError(`Message: the SNS message is not a CloudWatch alarm (not JSON)`);
  }
  const alarm = parsePayload(ZAlarm, message, "CloudWatch alarm (in the SNS Message)");
  const region = regionOfArn(alarm.AlarmArn) ?? regionOfArn(envelope.TopicArn) ?? "unknown-region";
  const account = alarm.AWSAccountId ?? envelope.TopicArn.split(":")[4] ?? "unknown-account";
  const insufficient = alarm.NewStateValue === "INSUFFICIENT_DATA";
  const dimensions = Object.fromEntries((alarm.Trigger?.Dimensions ?? []).map((dimension) => [dimension.name, dimension.value]));
  return {
    dedupKey: alarm.AlarmArn ?? `${account}:${region}:${alarm.AlarmName}`,
    groupKey: alarm.AlarmName,
    status: alarm.NewStateValue === "OK" ? "resolved" : "firing",
    // No data is a monitoring blind spot worth a look, not an outage by itself.
    level: insufficient ? "warning" : null,
    sourceSeverity: alarm.NewStateValue,
    title: truncate(`${insufficient ? "Insufficient data: " : ""}${alarm.AlarmName}${alarm.AlarmDescription ? `: ${alarm.AlarmDescription}` : ""}`, 500),
    description: truncate(alarm.NewStateReason ?? "", 10_000),
    labels: stringLabels({
      alarm: alarm.AlarmName,
      account,
      region,
      namespace: alarm.Trigger?.Namespace,
      metric: alarm.Trigger?.MetricName,
      ...dimensions,
      topic: envelope.TopicArn,
    }),
    serviceHint: null,
    startsAt: parseSenderTime(alarm.StateChangeTime, `Records.${index}.Sns.Message.StateChangeTime`, receivedAt),
    endsAt: alarm.NewStateValue === "OK" ? parseSenderTime(alarm.StateChangeTime, "StateChangeTime", receivedAt) : null,
    links: links([`https://console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`, "cloudwatch"]),
  };
}

/** CloudWatch alarm state changes delivered through SNS; the alarm is a JSON string in `Message`. */
export function normaliseCloudWatch(payload: unknown, receivedAt: Date): TNormalisedDelivery {
  const envelopes = snsEnvelopes(payload);
  const notifications = envelopes.filter((envelope) => envelope.Type === "Notification");
  if (notifications.length === 0)
    throw new AlertPayloadError(`Type: expected an SNS Notification, got ${envelopes.map((envelope) => envelope.Type).join(", ")}`);
  return {
    alerts: notifications.map((envelope, index) => alarmFrom(envelope, index, receivedAt)),
    externalId: envelopes.length === 1 ? envelopes[0]?.MessageId : undefined,
    notes: [],
  };
}
