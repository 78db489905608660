/**
 * Utilities and LockService, with expected values taken from a peer project that runs its tests against
 * live Apps Script: github.com/brucemcpherson/gas-fakes, test/testutilities.js and test/testlock.js.
 * The numbers are their live results; the tests are written here in our own words.
 */
import { expect, suite } from "../harness";

const PEER_UTIL = "github.com/brucemcpherson/gas-fakes test/testutilities.js (live run)";
const PEER_LOCK = "github.com/brucemcpherson/gas-fakes test/testlock.js (live run)";

const INPUT = "this is my input";
const KEY = "my key - use a stronger one";
const HMAC_PLAIN = [
  53, -75, -52, -25, -47, 86, -21, 14, -2, -57, 5, -13, 24, 105, -2, -84, 127, 115, -40, -75, -93, -27, -21, 34, -55,
  -117, -36, -103, -47, 116, -55, -61,
];
const SPECIAL_INPUT = "café";
const SPECIAL_KEY = "€🙂";
const HMAC_SPECIAL_UTF8 = [
  76, -16, 35, 99, -128, 106, -22, -17, -102, -19, 4, 97, -75, 64, 107, 79, 99, 19, -54, -6, 90, 54, 121, -39, -126, 13,
  2, -40, -84, 109, -2, 115,
];
const HMAC_SPECIAL_ASCII = [
  -125, 73, -127, -128, -43, -39, 99, -10, 39, -49, -128, 27, 8, -117, 4, -120, -26, -111, 16, 114, -115, 1, -1, -68,
  -27, 88, 7, 117, 55, -87, -123, -52,
];
const HMAC_SPECIAL_INPUT_ONLY = [
  -108, -2, -46, -84, 68, -4, 60, -105, -65, -90, -43, 1, -112, -23, -79, 50, -78, 35, -9, -122, 39, -83, 115, -55, 91,
  61, 82, 47, 61, 53, -37, 14,
];
const HMAC_SPECIAL_KEY_ONLY = [
  13, -56, -124, -48, 98, -74, -49, 56, -110, 64, -48, -17, -110, 112, -60, -18, 59, -30, 77, 49, -95, 122, -47, -73,
  -32, -127, -61, -30, 111, 108, 34, -39,
];

const DIGESTS_PLAIN: Record<string, number[]> = {
  MD5: [-16, -20, -112, 64, -50, -47, -118, 102, -113, 70, -112, 94, -34, -49, 117, -103],
  SHA_1: [-94, -96, 117, 87, 84, -100, -66, 98, -21, -116, 87, 55, 93, -82, -11, -73, 79, 108, -115, 95],
  SHA_256: [
    54, -72, -70, -64, 23, 78, -86, 57, -77, -65, 45, 3, -95, 47, -122, 55, -91, 107, -91, 39, -55, 20, -87, -65, -17,
    29, 111, 118, -120, -69, 93, -93,
  ],
};
const DIGESTS_EMOJI_UTF8: Record<string, number[]> = {
  MD5: [-71, 89, 42, -99, 35, -63, -51, -82, 83, 46, 87, -53, -35, -67, 116, -6],
  SHA_1: [-19, -37, -55, -43, 37, 16, -31, 77, 89, 112, 42, 90, -115, 10, -113, -31, 50, -76, 60, -125],
  SHA_256: [
    -88, 113, -56, 11, 33, 65, -120, -22, 68, -108, -12, 96, 79, 31, 50, 2, 75, 2, -11, -5, 66, 40, -63, 3, -102, 83,
    87, -120, 26, 19, -18, -69,
  ],
};
const DIGESTS_EMOJI_ASCII: Record<string, number[]> = {
  MD5: [-22, 3, -4, -72, -60, 120, 34, -68, -25, 114, -49, 108, 7, -48, -21, -69],
  SHA_1: [22, -56, -8, -84, 123, 87, -67, 91, 88, -76, 19, 39, 34, -114, 63, -94, 18, 1, -37, 104],
  SHA_256: [
    -30, 112, -82, -77, 71, -14, 22, 85, 116, -61, -91, -59, -65, 17, -48, 56, -68, -45, -84, -43, -85, -3, -75, -82,
    -118, 27, 82, -39, 28, -72, 66, -16,
  ],
};

export const peerUtilities = suite("Peer: Utilities and LockService", (it) => {
  it("HMAC-SHA256 of ASCII text is the same from bytes, UTF_8, US_ASCII or no charset", PEER_UTIL, ({ Utilities }) => {
    const bytes = Utilities.newBlob(INPUT).getBytes();
    const keyBytes = Utilities.newBlob(KEY).getBytes();
    expect(Utilities.computeHmacSha256Signature(bytes, keyBytes)).toEqual(HMAC_PLAIN);
    expect(Utilities.computeHmacSha256Signature(INPUT, KEY, Utilities.Charset.UTF_8)).toEqual(HMAC_PLAIN);
    expect(Utilities.computeHmacSha256Signature(INPUT, KEY, Utilities.Charset.US_ASCII)).toEqual(HMAC_PLAIN);
    expect(Utilities.computeHmacSha256Signature(INPUT, KEY)).toEqual(HMAC_PLAIN);
  });

  it("HMAC of non-ASCII text: UTF_8 hashes UTF-8, no charset hashes US-ASCII like US_ASCII", PEER_UTIL, (fx) => {
    const { Utilities } = fx;
    expect(Utilities.computeHmacSha256Signature(SPECIAL_INPUT, SPECIAL_KEY, Utilities.Charset.UTF_8)).toEqual(
      HMAC_SPECIAL_UTF8,
    );
    expect(Utilities.computeHmacSha256Signature(SPECIAL_INPUT, SPECIAL_KEY, Utilities.Charset.US_ASCII)).toEqual(
      HMAC_SPECIAL_ASCII,
    );
    expect(Utilities.computeHmacSha256Signature(SPECIAL_INPUT, SPECIAL_KEY)).toEqual(HMAC_SPECIAL_ASCII);
    expect(Utilities.computeHmacSha256Signature(SPECIAL_INPUT, KEY)).toEqual(HMAC_SPECIAL_INPUT_ONLY);
    expect(Utilities.computeHmacSha256Signature(INPUT, SPECIAL_KEY)).toEqual(HMAC_SPECIAL_KEY_ONLY);
  });

  it("computeHmacSignature(HMAC_SHA_256) returns 32 signed bytes", PEER_UTIL, ({ Utilities }) => {
    const mac = Utilities.computeHmacSignature(Utilities.MacAlgorithm.HMAC_SHA_256, "value", "key");
    expect(mac).toHaveLength(32);
    expect(mac.every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  it("computeDigest of ASCII text is the same in UTF_8, US_ASCII and by default", PEER_UTIL, ({ Utilities }) => {
    for (const alg of Object.keys(DIGESTS_PLAIN)) {
      const a = Utilities.DigestAlgorithm[alg as keyof typeof Utilities.DigestAlgorithm];
      expect(Utilities.computeDigest(a, "input to hash", Utilities.Charset.UTF_8)).toEqual(DIGESTS_PLAIN[alg]);
      expect(Utilities.computeDigest(a, "input to hash", Utilities.Charset.US_ASCII)).toEqual(DIGESTS_PLAIN[alg]);
      expect(Utilities.computeDigest(a, "input to hash")).toEqual(DIGESTS_PLAIN[alg]);
    }
  });

  it(
    "computeDigest of '€🙂': UTF_8 differs from US_ASCII; a string without charset is US-ASCII, bytes are UTF-8",
    PEER_UTIL,
    ({ Utilities }) => {
      const bytes = Utilities.newBlob("€🙂").getBytes();
      for (const alg of Object.keys(DIGESTS_EMOJI_UTF8)) {
        const a = Utilities.DigestAlgorithm[alg as keyof typeof Utilities.DigestAlgorithm];
        expect(Utilities.computeDigest(a, "€🙂", Utilities.Charset.UTF_8)).toEqual(DIGESTS_EMOJI_UTF8[alg]);
        expect(Utilities.computeDigest(a, "€🙂", Utilities.Charset.US_ASCII)).toEqual(DIGESTS_EMOJI_ASCII[alg]);
        expect(Utilities.computeDigest(a, "€🙂")).toEqual(DIGESTS_EMOJI_ASCII[alg]);
        expect(Utilities.computeDigest(a, bytes)).toEqual(DIGESTS_EMOJI_UTF8[alg]);
      }
    },
  );

  it("base64: bytes and text encode alike, web-safe round-trips '+/=' text", PEER_UTIL, ({ Utilities }) => {
    const text = "Quote for 40 bolts, 单价 USD 1.20";
    const bytes = Utilities.newBlob(text).getBytes();
    expect(Utilities.base64Encode(bytes)).toBe(Utilities.base64Encode(text));
    expect(Utilities.base64EncodeWebSafe(bytes)).toBe(Utilities.base64EncodeWebSafe(text));
    const trouble = `${text}+/=`;
    expect(
      Utilities.newBlob(Utilities.base64DecodeWebSafe(Utilities.base64EncodeWebSafe(trouble))).getDataAsString(),
    ).toBe(trouble);
    expect(Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode(text))).getDataAsString()).toBe(text);
  });

  it("newBlob: no name, text/plain, bytes round-trip; copyBlob and setters", PEER_UTIL, ({ Utilities }) => {
    const blob = Utilities.newBlob("Angebot 2026");
    expect(blob.getName()).toBeNull();
    expect(blob.getContentType()).toBe("text/plain");
    const named = Utilities.newBlob(blob.getBytes(), "text/plain", "angebot.txt");
    expect(named.getName()).toBe("angebot.txt");
    expect(named.getDataAsString()).toBe("Angebot 2026");
    const copy = blob.copyBlob();
    copy.setName("copy.txt");
    expect(copy.getName()).toBe("copy.txt");
    expect(blob.getName()).toBeNull();
    const reversed = blob.getBytes().slice().reverse();
    expect(copy.setBytes(reversed).getBytes()).toEqual(reversed);
    expect(copy.setDataFromString("Angebot 2026").getDataAsString()).toBe("Angebot 2026");
  });

  it("formatString, parseCsv and formatDate", PEER_UTIL, ({ Utilities }) => {
    expect(Utilities.formatString("hello %s", "world")).toBe("hello world");
    expect(Utilities.formatString("%d + %d = %d", 1, 2, 3)).toBe("1 + 2 = 3");
    expect(Utilities.parseCsv('a,b,"c,d"\ne,f,g')).toEqual([
      ["a", "b", "c,d"],
      ["e", "f", "g"],
    ]);
    expect(Utilities.parseCsv('a,"b ""quoted"" c",d')).toEqual([["a", 'b "quoted" c', "d"]]);
    const noon = new Date(Date.UTC(2023, 0, 1, 12, 0, 0));
    expect(Utilities.formatDate(noon, "GMT", "yyyy-MM-dd HH:mm:ss")).toBe("2023-01-01 12:00:00");
  });

  it("parseDate reads a SimpleDateFormat pattern; text that does not fit throws", PEER_UTIL, ({ Utilities }) => {
    const d = Utilities.parseDate("2023-01-01T12:00:00Z", "GMT", "yyyy-MM-dd'T'HH:mm:ss'Z'");
    expect(d.getTime()).toBe(Date.UTC(2023, 0, 1, 12, 0, 0));
    expect(() => Utilities.parseDate("invalid date", "GMT", "yyyy")).toThrow();
  });

  it(
    "parseDate reads in the given zone, month names and 12-hour clocks",
    "developers.google.com/apps-script/reference/utilities/utilities#parseDate(String,String,String)",
    ({ Utilities }) => {
      const shanghai = Utilities.parseDate("2026-03-02 08:30", "Asia/Shanghai", "yyyy-MM-dd HH:mm");
      expect(shanghai.getTime()).toBe(Date.UTC(2026, 2, 2, 0, 30));
      const named = Utilities.parseDate("Mar 2, 2026 4:05 PM", "GMT", "MMM d, yyyy h:mm a");
      expect(named.getTime()).toBe(Date.UTC(2026, 2, 2, 16, 5));
      const compact = Utilities.parseDate("20260302", "GMT", "yyyyMMdd");
      expect(compact.getTime()).toBe(Date.UTC(2026, 2, 2));
    },
  );

  it("getUuid gives a fresh non-empty id each call", PEER_UTIL, ({ Utilities }) => {
    const a = Utilities.getUuid();
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(Utilities.getUuid()).not.toBe(a);
  });

  it("script and user locks exist; a new lock is not held", PEER_LOCK, ({ LockService }) => {
    expect(LockService.getScriptLock()).toBeTruthy();
    expect(LockService.getUserLock()).toBeTruthy();
    expect(LockService.getScriptLock().hasLock()).toBe(false);
  });

  it("tryLock takes the lock, taking it again is true, releaseLock gives it up", PEER_LOCK, (fx) => {
    const lock = fx.LockService.getScriptLock();
    fx.cleanup(() => lock.releaseLock());
    expect(lock.tryLock(10000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    expect(lock.tryLock(10000)).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it("waitLock takes the lock without throwing, also when already held", PEER_LOCK, (fx) => {
    const lock = fx.LockService.getScriptLock();
    fx.cleanup(() => lock.releaseLock());
    expect(() => lock.waitLock(1000)).not.toThrow();
    expect(lock.hasLock()).toBe(true);
    expect(() => lock.waitLock(1000)).not.toThrow();
    lock.releaseLock();
  });

  it(
    "a zero timeout acquires; a negative one never does (tryLock false, waitLock throws 'Lock timeout')",
    PEER_LOCK,
    (fx) => {
      const lock = fx.LockService.getScriptLock();
      fx.cleanup(() => lock.releaseLock());
      expect(lock.tryLock(0)).toBe(true);
      lock.releaseLock();
      expect(lock.tryLock(-100)).toBe(false);
      expect(lock.hasLock()).toBe(false);
      expect(() => lock.waitLock(0)).not.toThrow();
      expect(lock.hasLock()).toBe(true);
      lock.releaseLock();
      expect(() => lock.waitLock(-100)).toThrow(/Lock timeout/);
      expect(lock.hasLock()).toBe(false);
    },
  );
});
