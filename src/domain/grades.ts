/**
 * Buyer grades (R10: every inquiry is graded A–D; R18: what each grade means) and reading a grade from
 * whatever a person typed into a sheet cell.
 */

export const GRADES = ["A", "B", "C", "D"] as const;
export type Grade = (typeof GRADES)[number];

export type GradeLocale = "en" | "zh-CN";

/** R18, in the manual's words (English rendering and the simplified-Chinese original). */
export const GRADE_DEFINITIONS: Record<Grade, Record<GradeLocale, string>> = {
  A: { en: "Clear intent, likely to close.", "zh-CN": "有明确意向，成交可能性较大的客户。" },
  B: { en: "Intent, but hesitant; needs work to win.", "zh-CN": "有意向，但有些犹豫，需要通过努力才能争取的客户。" },
  C: {
    en: "Intent, but long-cycle purchasing with many unknowns.",
    "zh-CN": "有意向，但属于长线采购，周期较长，不确定因素较多。",
  },
  D: { en: "Unclear intent, yet a deal is possible.", "zh-CN": "意向不明确，但也有可能成交。" },
};

export function isGrade(value: unknown): value is Grade {
  return typeof value === "string" && (GRADES as readonly string[]).indexOf(value) >= 0;
}

/** A = 0 … D = 3; ungraded sorts last. For "most promising first" ordering. */
export function gradeRank(grade: Grade | undefined): number {
  return grade ? GRADES.indexOf(grade) : GRADES.length;
}

/** "A — Clear intent, likely to close." / "A级：有明确意向…" for sidebars and reports. */
export function gradeLabel(grade: Grade, locale: GradeLocale): string {
  return locale === "zh-CN"
    ? `${grade}级：${GRADE_DEFINITIONS[grade]["zh-CN"]}`
    : `${grade} — ${GRADE_DEFINITIONS[grade].en}`;
}

export type ParsedGrade =
  | { ok: true; grade: Grade }
  /** The cell was blank: the buyer is not graded yet (a valid state, not an error). */
  | { ok: true; grade: undefined }
  | { ok: false; raw: string; message: string };

// Words people put around the letter: "A级", "A級", "A类客户", "Grade A", "class b", "A-grade".
const DECORATION =
  /^(?:grade|class|level|等级|级别|客户)?[\s:：\-_]*([a-z])[\s\-_]*(?:级|級|类|類|grade|class|level)?(?:客户|客戶)?$/;

/**
 * Reads a grade as typed: "a ", "A级", "b", full-width "Ａ", "Grade C" all work. Blank means ungraded.
 * Anything else ("E", "A+", "AB") is an error carrying the raw text, so the sheet can point at it.
 */
export function parseGrade(raw: unknown): ParsedGrade {
  if (raw === null || raw === undefined) return { ok: true, grade: undefined };
  const text = String(raw);
  // NFKC folds full-width letters (Ａ) and punctuation to their ASCII forms.
  const folded = text.normalize("NFKC").trim().toLowerCase();
  if (folded === "") return { ok: true, grade: undefined };
  const m = DECORATION.exec(folded);
  const letter = m ? m[1].toUpperCase() : "";
  if (isGrade(letter)) return { ok: true, grade: letter };
  return { ok: false, raw: text, message: `"${text.trim()}" is not a grade; use A, B, C or D` };
}
