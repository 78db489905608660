import type { MailTemplateKey } from "../mail-template";

/** One language's default wording: every key, subject and body (lines joined with "\n"). */
export type TemplateSet = Record<MailTemplateKey, { subject: string; body: readonly string[] }>;
