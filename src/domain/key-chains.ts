/**
 * A multimap from 32-bit integer keys to integer references, kept in typed arrays: the buyer index's look-ups
 * (R22) are built over every buyer of the book in each intake run, and Maps of 20,000 string keys — the keys
 * sliced and joined out of each name first — cost more than the matching itself. Here a key is a hash computed
 * straight from the characters, and each key's references are a chain in insertion order. Different texts can
 * share a hash, so a chain names candidates: the caller checks each candidate against the exact key.
 */

import { fold } from "./fold";

/** The references of one key, each once in a row (a buyer posting the same key twice counts once). */
export class KeyChains {
  /**
   * Per slot, side by side (one cache line per probe): the key, 1 + the first entry of its chain (0: an empty
   * slot), 1 + its last entry, and how many entries it has.
   */
  private slots: Int32Array;
  /** Per entry, side by side: the reference, and 1 + the next entry of its chain (0: the end). */
  private entryData: Int32Array;
  private mask: number;
  private slotsUsed = 0;
  private entries = 0;

  /**
   * Sized for `expectedKeys` different keys and `expectedEntries` references (both grow when exceeded). The
   * tables are filled up to three quarters: at 20,000 keys that is half a megabyte of slots, not one, and the
   * memory each index of a run takes in (and the page faults to get it) counts as much as the probes.
   */
  constructor(expectedKeys = 64, expectedEntries = expectedKeys) {
    let capacity = 64;
    while (capacity * MAX_LOAD < expectedKeys) capacity *= 2;
    this.slots = new Int32Array(capacity * SLOT);
    this.mask = capacity - 1;
    this.entryData = new Int32Array(Math.max(64, Math.ceil(expectedEntries)) * 2);
  }

  add(key: number, ref: number): void {
    let at = this.slotOf(key) * SLOT;
    let slots = this.slots;
    const head = slots[at + HEAD];
    if (head === 0) {
      if (this.slotsUsed + 1 > (this.mask + 1) * MAX_LOAD) {
        this.growSlots();
        slots = this.slots;
        at = this.slotOf(key) * SLOT;
      }
      this.slotsUsed++;
      slots[at] = key;
    } else if (this.entryData[(slots[at + TAIL] - 1) * 2] === ref) return;
    if (this.entries * 2 === this.entryData.length) this.growEntries();
    const data = this.entryData;
    const entry = this.entries++;
    data[entry * 2] = ref;
    data[entry * 2 + 1] = 0;
    if (head === 0) slots[at + HEAD] = entry + 1;
    else data[(slots[at + TAIL] - 1) * 2 + 1] = entry + 1;
    slots[at + TAIL] = entry + 1;
    slots[at + COUNT]++;
  }

  /** How many references the key has (candidates: a shared hash adds others). */
  count(key: number): number {
    return this.slots[this.slotOf(key) * SLOT + COUNT];
  }

  /** The key's first entry, or -1; walk on with next(), read with ref(). */
  first(key: number): number {
    return this.slots[this.slotOf(key) * SLOT + HEAD] - 1;
  }

  next(entry: number): number {
    return this.entryData[entry * 2 + 1] - 1;
  }

  ref(entry: number): number {
    return this.entryData[entry * 2];
  }

  /** The key's slot, or the empty slot where it would go (open addressing, linear probing). */
  private slotOf(key: number): number {
    const { slots, mask } = this;
    let slot = mix(key) & mask;
    while (slots[slot * SLOT + HEAD] !== 0 && slots[slot * SLOT] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  private growSlots(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * SLOT);
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + HEAD] === 0) continue;
      const to = this.slotOf(old[from]) * SLOT;
      for (let i = 0; i < SLOT; i++) this.slots[to + i] = old[from + i];
    }
  }

  private growEntries(): void {
    const data = new Int32Array(this.entryData.length * 2);
    data.set(this.entryData);
    this.entryData = data;
  }
}

/** The fields of a slot (KeyChains.slots): the key at 0, then these. */
const SLOT = 4;
/** How full the slots may get before they are doubled (linear probing stays short up to here). */
const MAX_LOAD = 0.75;
const HEAD = 1;
const TAIL = 2;
const COUNT = 3;

/** Scrambles a key's bits (MurmurHash3's finaliser), so similar keys spread over the table. */
export function mix(key: number): number {
  let h = key ^ (key >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const BASE = 0x01000193;

/**
 * One more character of a polynomial hash: hashOf(a + b) = joinHashes(hashOf(a), hashOf(b), b.length), so two
 * words can be hashed joined without building the joined string.
 */
export function hashStep(hash: number, charCode: number): number {
  return (Math.imul(hash, BASE) + charCode) | 0;
}

export function hashOf(text: string, from = 0, to = text.length): number {
  let hash = 0;
  for (let i = from; i < to; i++) hash = hashStep(hash, charCodeAt.call(text, i));
  return hash;
}

/**
 * String.prototype.charCodeAt, called as a known function: hashOf and wordsHash read strings of every kind V8 has
 * (one- and two-byte, joined, sliced), and `text.charCodeAt` looked up on more than four kinds is looked up afresh
 * for every character, three times slower than the call the compiler makes of this.
 */
const charCodeAt = String.prototype.charCodeAt;

export function joinHashes(first: number, second: number, secondLength: number): number {
  return (Math.imul(first, powerOf(secondLength)) + second) | 0;
}

/** BASE to the power of `length` (mod 2^32): a table for the lengths of words and addresses. */
function powerOf(length: number): number {
  if (length < POWERS.length) return POWERS[length];
  let power = POWERS[POWERS.length - 1];
  for (let i = POWERS.length - 1; i < length; i++) power = Math.imul(power, BASE);
  return power;
}

const POWERS = new Int32Array(256);
POWERS[0] = 1;
for (let i = 1; i < POWERS.length; i++) POWERS[i] = Math.imul(POWERS[i - 1], BASE);

/**
 * The hash of a key made of words joined by single spaces, whatever the order of the words ("chen dawen" and
 * "dawen chen" alike): the sum of the words' mixed hashes.
 */
export function wordsHash(key: string): number {
  let sum = 0;
  let from = 0;
  for (let i = 0; i <= key.length; i++) {
    if (i < key.length && charCodeAt.call(key, i) !== 32) continue;
    sum = (sum + mix(hashOf(key, from, i))) | 0;
    from = i + 1;
  }
  return sum;
}

/**
 * The Latin-1 letters fold() turns into one ASCII letter ("Ü" -> "u", "ø" -> "o"), by code - 0x80; 0 for the
 * others. Read from fold() itself, so a word read here is the word fold() gives.
 */
const LATIN1_AS = Array.from({ length: 128 }, (_, i) => {
  const folded = fold(String.fromCharCode(0x80 + i));
  return folded.length === 1 && folded >= "a" && folded <= "z" ? folded.charCodeAt(0) : 0;
});

/** What AsciiWords reads a character below 256 as: the letter or digit it is (lower case, folded), or one of these. */
const SEPARATOR = 0;
/** A dot, apostrophe or backtick: joins the letters around it when reading company names. */
const JOINER = 1;
/** A character fold() does not turn into an ASCII letter ("×", "¿"): the text is not read in place. */
const UNREADABLE = 2;
const CHAR_CLASS = Uint8Array.from({ length: 256 }, (_, c) => {
  if (c >= 128) return LATIN1_AS[c - 0x80] || UNREADABLE;
  if (c >= 65 && c <= 90) return c + 32;
  if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
  return c === 46 || c === 39 || c === 96 ? JOINER : SEPARATOR;
});

/**
 * The words of a text in ASCII letters and digits (lower-cased, Latin-1 letters folded as fold() does: "Müller"
 * is "muller"), each as where it starts, how many characters it has and hashOf(word), read in place: one reader
 * is reused for every buyer, so reading a book allocates nothing.
 */
export class AsciiWords {
  count = 0;
  starts = new Int32Array(16);
  lengths = new Int32Array(16);
  hashes = new Int32Array(16);

  /**
   * Reads `text`. With `joining`, dots, apostrophes and backticks join the letters around them ("S.p.A." is
   * "spa", as company names are read). False when the text has a character fold() does not turn into ASCII
   * here (the words read are then only those before it).
   */
  read(text: string, joining: boolean): boolean {
    this.count = 0;
    let hash = 0;
    let start = -1;
    let length = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const k = c < 256 ? CHAR_CLASS[c] : UNREADABLE;
      if (k >= 48) {
        if (start < 0) start = i;
        hash = (Math.imul(hash, BASE) + k) | 0;
        length++;
      } else if (k === UNREADABLE) return false;
      else if (start >= 0 && !(joining && k === JOINER)) {
        this.push(start, length, hash);
        hash = 0;
        start = -1;
        length = 0;
      }
    }
    if (start >= 0) this.push(start, length, hash);
    return true;
  }

  /**
   * True when the text last read has `word` as its w-th word (read as read() reads it: lower case, Latin-1 letters
   * folded, with `joining` the dots, apostrophes and backticks inside it skipped).
   */
  spells(text: string, w: number, word: string, joining: boolean): boolean {
    if (this.lengths[w] !== word.length) return false;
    let i = this.starts[w];
    for (let j = 0; j < word.length; i++) {
      let c = text.charCodeAt(i);
      if (joining && (c === 46 || c === 39 || c === 96)) continue;
      if (c >= 128) c = c > 0xff ? 0 : LATIN1_AS[c - 0x80];
      else if (c >= 65 && c <= 90) c += 32;
      if (c !== word.charCodeAt(j++)) return false;
    }
    return true;
  }

  private push(start: number, length: number, hash: number): void {
    if (this.count === this.starts.length) {
      for (const key of ["starts", "lengths", "hashes"] as const) {
        const grown = new Int32Array(this.count * 2);
        grown.set(this[key]);
        this[key] = grown;
      }
    }
    this.starts[this.count] = start;
    this.lengths[this.count] = length;
    this.hashes[this.count] = hash;
    this.count++;
  }
}

/**
 * An e-mail address as most are written — ASCII letters, digits and ._%+- before the "@", labels of letters, digits
 * and "-" after it, a top level of two or more letters, no space — read in one pass: the hash of the address
 * lower-cased, and of its domain's last two labels and (under a two-letter top level, where companyDomain may keep
 * three: "acme.co.uk") its last three, so an index files an address without cutting or lower-casing strings.
 */
export class PlainAddress {
  hash = 0;
  lastTwo = 0;
  lastThree = 0;
  hasThree = false;

  /** False when the address is not in that form (nothing read then). */
  read(text: string): boolean {
    // One hash over the whole address; the domain's tails are read back from it by the hash's prefix at each
    // separator ("@" and the dots after it): hashOf(text[p, n)) = hash - hashOf(text[0, p)) * BASE^(n - p).
    let hash = 0;
    let at = -1;
    let dots = 0;
    let label = 0;
    let letters = true;
    // The hash up to and including the last three separators, and where the text after each starts.
    let h1 = 0;
    let h2 = 0;
    let h3 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      // One table look-up says what the character may be, instead of a comparison for each kind.
      const kind = code < 128 ? ADDRESS_CHAR[code] : NOT_IN_ADDRESS;
      if (kind === NOT_IN_ADDRESS) return false;
      const c = kind === LETTER ? code | 32 : code;
      if (at >= 0) {
        if (kind <= DASH) {
          label++;
          if (kind !== LETTER) letters = false;
        } else if (kind === DOT && label > 0) {
          dots++;
          label = 0;
          letters = true;
        } else return false;
      } else if (kind === AT) {
        if (i === 0) return false;
        at = i;
      }
      hash = (Math.imul(hash, BASE) + c) | 0;
      if (kind === DOT && at >= 0) {
        h3 = h2;
        p3 = p2;
        h2 = h1;
        p2 = p1;
        h1 = hash;
        p1 = i + 1;
      } else if (i === at) {
        h1 = h2 = h3 = hash;
        p1 = p2 = p3 = i + 1;
      }
    }
    if (at < 0 || dots === 0 || label < 2 || !letters) return false;
    this.hash = hash;
    // One dot: the second separator from the end is the "@", the whole domain; two: so is the third.
    this.lastTwo = (hash - Math.imul(h2, powerOf(n - p2))) | 0;
    this.hasThree = dots >= 2 && label === 2;
    this.lastThree = (hash - Math.imul(h3, powerOf(n - p3))) | 0;
    return true;
  }
}

// What a character of a plain address is (ADDRESS_CHAR, by code below 128): letters, digits and "-" make a
// domain's labels, "." separates them, "@" ends the local part, which may also have "_", "%" and "+".
const NOT_IN_ADDRESS = 0;
const LETTER = 1;
const DIGIT = 2;
const DASH = 3;
const DOT = 4;
const AT = 5;
const LOCAL_ONLY = 6;
const ADDRESS_CHAR = Uint8Array.from({ length: 128 }, (_, c) => {
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return LETTER;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 45) return DASH;
  if (c === 46) return DOT;
  if (c === 64) return AT;
  return c === 95 || c === 37 || c === 43 ? LOCAL_ONLY : NOT_IN_ADDRESS;
});

/**
 * A new empty list for strings, of the elements kind a list holding strings has. A literal [] is, to V8, a list of
 * small integers: code compiled for the lists of keys or IDs a look-up usually gives is thrown away when it meets
 * such an empty one, and compiled again (a look-up's answers are read in every run, empty or not).
 */
export function emptyStringList(): string[] {
  return EMPTY_STRINGS.slice();
}

const EMPTY_STRINGS = [""];
EMPTY_STRINGS.pop();
