/** SHA-256 of the text's UTF-8 bytes, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
  // Apps Script bytes are signed (-128..127).
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, "0")).join("");
}
