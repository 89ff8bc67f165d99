// The places the user edited lately, newest first, in a fixed-size ring: recording an edit is
// constant work on every keystroke, and consecutive keystrokes in one place make one entry.

export interface EditedRange {
  key: string;
  /** 0-based lines, end exclusive, as they were when last edited. */
  startLine: number;
  endLine: number;
}

/** Edits closer than this many lines to an earlier one extend it instead of adding one. */
const MERGE_DISTANCE = 3;
/** A merged range stops growing here; the newest edit starts a fresh one in its place. */
const MAX_SPAN = 20;

export class RecentEdits {
  private entries: EditedRange[] = [];

  constructor(private readonly capacity = 16) {}

  record(key: string, startLine: number, endLine: number): void {
    const end = Math.max(endLine, startLine + 1);
    const i = this.entries.findIndex(
      (e) => e.key === key && startLine <= e.endLine + MERGE_DISTANCE && e.startLine <= end + MERGE_DISTANCE,
    );
    if (i >= 0) {
      const e = this.entries[i]!;
      this.entries.splice(i, 1);
      const merged = { key, startLine: Math.min(e.startLine, startLine), endLine: Math.max(e.endLine, end) };
      this.entries.unshift(merged.endLine - merged.startLine <= MAX_SPAN ? merged : { key, startLine, endLine: end });
    } else {
      this.entries.unshift({ key, startLine, endLine: end });
      if (this.entries.length > this.capacity) this.entries.length = this.capacity;
    }
  }

  /** A document was closed or renamed: its places no longer mean anything. */
  forget(key: string): void {
    this.entries = this.entries.filter((e) => e.key !== key);
  }

  /** Newest first. */
  list(): readonly EditedRange[] {
    return this.entries;
  }
}
