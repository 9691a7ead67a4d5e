/**
 * Joins the small pieces a section pushes into runs of a few hundred thousand characters as they
 * accumulate. Pieces kept in an array until the page is joined survive scavenges, which copy each one
 * (once within the young generation, again when promoting it); a joined run that large is allocated in
 * large-object space and never copied, and the pieces it replaces die young. The page joined from
 * the runs is the page joined from the pieces.
 */
const RUN_CHARS = 1 << 18;

export class PieceRuns {
  private readonly out: string[];
  private readonly sep: string;
  /** Where the current run begins in `out`. */
  private mark: number;
  /** Pieces before this index are counted in `chars`. */
  private seen: number;
  private chars = 0;

  /** `sep`: what `out` will be joined with. */
  constructor(out: string[], sep: string) {
    this.out = out;
    this.sep = sep;
    this.mark = out.length;
    this.seen = out.length;
  }

  /** Call between items: once the pieces of the current run hold RUN_CHARS characters, they become one. */
  check(): void {
    const out = this.out;
    let chars = this.chars;
    for (let i = this.seen; i < out.length; i++) chars += out[i]!.length;
    this.seen = out.length;
    if (chars < RUN_CHARS) {
      this.chars = chars;
      return;
    }
    if (out.length - this.mark > 1) out.push(out.splice(this.mark).join(this.sep));
    this.mark = this.seen = out.length;
    this.chars = 0;
  }
}
