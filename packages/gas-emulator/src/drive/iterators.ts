/**
 * Drive's FileIterator / FolderIterator: hasNext/next over a snapshot of IDs, resumable through a
 * continuation token (DriveApp.continueFileIterator / continueFolderIterator).
 */
export const ITERATOR_AT_END = "Cannot retrieve the next object: iterator has reached the end.";
export const INVALID_TOKEN = "Invalid argument: continuationToken";

interface TokenData {
  kind: "file" | "folder";
  ids: string[];
  at: number;
}

export class ItemIterator<T> {
  private at: number;

  constructor(
    private readonly kind: "file" | "folder",
    private readonly ids: string[],
    private readonly wrap: (id: string) => T,
    at = 0,
  ) {
    this.at = at;
  }

  hasNext(): boolean {
    return this.at < this.ids.length;
  }

  next(): T {
    if (this.at >= this.ids.length) throw new Error(ITERATOR_AT_END);
    const id = this.ids[this.at];
    this.at += 1;
    return this.wrap(id);
  }

  getContinuationToken(): string {
    const data: TokenData = { kind: this.kind, ids: this.ids, at: this.at };
    return Buffer.from(JSON.stringify(data), "utf8").toString("base64url");
  }

  static decode(token: string, kind: "file" | "folder"): { ids: string[]; at: number } {
    try {
      const data = JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as TokenData;
      if (data.kind !== kind || !Array.isArray(data.ids) || typeof data.at !== "number") throw new Error("kind");
      return { ids: data.ids, at: data.at };
    } catch {
      throw new Error(INVALID_TOKEN);
    }
  }
}
