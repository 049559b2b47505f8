import { createVerify } from "node:crypto";
import { outboundRequest } from "@/lib/http/outbound";
import type { TSnsEnvelope } from "./normalisers/cloudwatch";

const NOTIFICATION_FIELDS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] as const;
const SUBSCRIPTION_FIELDS = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"] as const;

/** The text SNS signs: "Name\nvalue\n" for each signed field, in AWS's order; Subject only when present. */
export function snsStringToSign(envelope: TSnsEnvelope): string {
  const fields = envelope.Type === "Notification" ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
  return fields
    .filter((field) => envelope[field] !== undefined && envelope[field] !== null)
    .map((field) => `${field}\n${envelope[field]}\n`)
    .join("");
}

// An AWS region name: us-east-1, ap-northeast-1, us-gov-west-1, cn-north-1, us-isob-east-1. A looser
// pattern also matched bucket-style hosts such as sns.s3.amazonaws.com, which anyone can serve from.
const SNS_HOST = /^sns\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}\.amazonaws\.com(\.cn)?$/;

/** An https URL on SNS itself, sns.<region>.amazonaws.com on the default port: the only host Firebreak fetches for SNS. */
export function isTrustedSnsUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" && parsed.port === "" && SNS_HOST.test(parsed.hostname);
  } catch {
    return false;
  }
}

/** Only certificates served by SNS itself, over HTTPS, are trusted. */
export function isTrustedSigningCertUrl(url: string | undefined): url is string {
  return isTrustedSnsUrl(url) && new URL(url).pathname.endsWith(".pem");
}

export type TFetchCertificate = (url: string) => Promise<string>;

/** Verifies an SNS message signature (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA). */
export async function verifySnsSignature(
  envelope: TSnsEnvelope,
  fetchCertificate: TFetchCertificate,
): Promise<{ valid: true } | { valid: false; reason: string }> {
  const algorithm = envelope.SignatureVersion === "1" ? "RSA-SHA1" : envelope.SignatureVersion === "2" ? "RSA-SHA256" : null;
  if (!algorithm) return { valid: false, reason: `SignatureVersion ${envelope.SignatureVersion ?? "(missing)"} is not 1 or 2` };
  if (!envelope.Signature) return { valid: false, reason: "Signature is missing" };
  const certificateUrl = envelope.SigningCertURL ?? envelope.SigningCertUrl;
  if (!isTrustedSigningCertUrl(certificateUrl)) return { valid: false, reason: "SigningCertURL is not an https://sns.<region>.amazonaws.com certificate" };
  let certificate: string;
  try {
    certificate = await fetchCertificate(certificateUrl);
  } catch (error) {
    return { valid: false, reason: `the signing certificate could not be fetched (${error instanceof Error ? error.message : "unknown error"})` };
  }
  const verifier = createVerify(algorithm);
  verifier.update(snsStringToSign(envelope), "utf8");
  try {
    return verifier.verify(certificate, envelope.Signature, "base64") ? { valid: true } : { valid: false, reason: "the signature does not match the message" };
  } catch {
    return { valid: false, reason: "the signing certificate is not a valid certificate" };
  }
}

const certificateCache = new Map<string, Promise<string>>();

/** Fetches (and remembers) an SNS signing certificate. */
export const fetchSnsCertificate: TFetchCertificate = (url) => {
  let pending = certificateCache.get(url);
  if (!pending) {
    pending = outboundRequest({ url, timeoutMs: 5_000, maxResponseBytes: 64 * 1024 }).then((response) => {
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      return response.body;
    });
    pending.catch(() => certificateCache.delete(url));
    certificateCache.set(url, pending);
  }
  return pending;
};
