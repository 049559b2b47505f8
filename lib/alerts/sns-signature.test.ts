import { generateKeyPairSync, createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TSnsEnvelope } from "./normalisers/cloudwatch";
import { isTrustedSigningCertUrl, snsStringToSign, verifySnsSignature } from "./sns-signature";

const fixture = (name: string): TSnsEnvelope => JSON.parse(readFileSync(path.join(import.meta.dirname, "../../fixtures/alerts", name), "utf8"));
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString();

function sign(envelope: TSnsEnvelope, version: "1" | "2"): TSnsEnvelope {
  const signed = { ...envelope, SignatureVersion: version };
  const signer = createSign(version === "1" ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(snsStringToSign(signed));
  return { ...signed, Signature: signer.sign(privateKey, "base64") };
}

describe("SNS signatures", () => {
  it("signs the documented fields for a notification and for a subscription confirmation", () => {
    const n = fixture("cloudwatch-alarm-via-sns-http-notification.json");
    expect(snsStringToSign(n)).toBe(
      `Message\n${n.Message}\nMessageId\n${n.MessageId}\nSubject\n${n.Subject}\nTimestamp\n${n.Timestamp}\nTopicArn\n${n.TopicArn}\nType\nNotification\n`,
    );
    const { Subject: _subject, ...withoutSubject } = n;
    expect(snsStringToSign(withoutSubject)).not.toContain("Subject");
    const c = fixture("cloudwatch-sns-subscription-confirmation.json");
    expect(snsStringToSign(c)).toBe(
      `Message\n${c.Message}\nMessageId\n${c.MessageId}\nSubscribeURL\n${c.SubscribeURL}\nTimestamp\n${c.Timestamp}\nToken\n${c.Token}\nTopicArn\n${c.TopicArn}\nType\nSubscriptionConfirmation\n`,
    );
  });

  it("accepts correctly signed messages, versions 1 and 2", async () => {
    for (const version of ["1", "2"] as const) {
      expect(await verifySnsSignature(sign(fixture("cloudwatch-alarm-via-sns-http-notification.json"), version), async () => publicPem)).toEqual({
        valid: true,
      });
      expect(await verifySnsSignature(sign(fixture("cloudwatch-sns-subscription-confirmation.json"), version), async () => publicPem)).toEqual({ valid: true });
    }
  });

  it("rejects a tampered message, a foreign certificate host, and unknown versions", async () => {
    const signed = sign(fixture("cloudwatch-alarm-via-sns-http-notification.json"), "2");
    expect(await verifySnsSignature({ ...signed, Message: signed.Message.replace("ALARM", "OK") }, async () => publicPem)).toMatchObject({ valid: false });
    expect(await verifySnsSignature({ ...signed, SigningCertURL: "https://evil.example.com/cert.pem" }, async () => publicPem)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/SigningCertURL/),
    });
    expect(await verifySnsSignature({ ...signed, SignatureVersion: "3" }, async () => publicPem)).toMatchObject({ valid: false });
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(await verifySnsSignature(signed, async () => other)).toMatchObject({ valid: false });
  });

  it("trusts certificate URLs only from sns.<region>.amazonaws.com over https", () => {
    expect(isTrustedSigningCertUrl("https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-1.pem")).toBe(true);
    expect(isTrustedSigningCertUrl("https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem")).toBe(true);
    expect(isTrustedSigningCertUrl("http://sns.us-east-1.amazonaws.com/x.pem")).toBe(false);
    expect(isTrustedSigningCertUrl("https://sns.us-east-1.amazonaws.com.evil.com/x.pem")).toBe(false);
    expect(isTrustedSigningCertUrl("https://s3.amazonaws.com/x.pem")).toBe(false);
    expect(isTrustedSigningCertUrl("https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-1.pem")).toBe(true);
    // Not regions: S3 and other bucket-style hosts anyone can serve a certificate from, or another port.
    expect(isTrustedSigningCertUrl("https://sns.s3.amazonaws.com/x.pem")).toBe(false);
    expect(isTrustedSigningCertUrl("https://sns.attacker-bucket.amazonaws.com/x.pem")).toBe(false);
    expect(isTrustedSigningCertUrl("https://sns.us-east-1.amazonaws.com:8443/x.pem")).toBe(false);
  });
});
