/** The "write a test inquiry" form: a buyer's e-mail as a real .eml, dated by the emulator clock. */
import { composeEml } from "../demo/eml";
import { asciiSlug } from "../demo/people";

export interface TestInquiry {
  /** The staff mailbox it is delivered to. */
  to: string;
  fromName: string;
  fromEmail: string;
  subject: string;
  body: string;
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export function validateTestInquiry(input: unknown): TestInquiry {
  const o = (input ?? {}) as Record<string, unknown>;
  const text = (k: string, max: number) => String(o[k] ?? "").slice(0, max);
  const value: TestInquiry = {
    to: text("to", 200).trim().toLowerCase(),
    fromName: text("fromName", 200)
      .replace(/[\r\n]+/g, " ")
      .trim(),
    fromEmail: text("fromEmail", 200).trim().toLowerCase(),
    subject: text("subject", 500)
      .replace(/[\r\n]+/g, " ")
      .trim(),
    body: text("body", 50_000),
  };
  if (!EMAIL.test(value.to)) throw new Error(`"To" is not an e-mail address: ${value.to || "(empty)"}`);
  if (!EMAIL.test(value.fromEmail)) throw new Error(`"From" is not an e-mail address: ${value.fromEmail || "(empty)"}`);
  if (value.subject === "") throw new Error("The subject is empty");
  return value;
}

export function composeTestInquiry(input: TestInquiry, now: Date): { raw: string; fileName: string } {
  const domain = input.fromEmail.split("@")[1];
  const raw = composeEml({
    from: { name: input.fromName || undefined, address: input.fromEmail },
    to: [{ address: input.to }],
    subject: input.subject,
    date: now,
    messageId: `<test.${now.getTime().toString(36)}.${Math.floor(Math.random() * 1e9).toString(36)}@${domain}>`,
    text: input.body,
  });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const fileName = `${stamp}-test-${asciiSlug(input.subject).slice(0, 40) || "inquiry"}-${now.getTime().toString(36)}.eml`;
  return { raw, fileName };
}
