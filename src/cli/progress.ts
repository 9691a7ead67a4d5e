import cliProgress from "cli-progress";
import type { IngestProgress } from "../pipeline.js";

/** A progress bar on stderr for more than a few files, when stderr is a terminal and not --quiet. */
export function progressBar(quiet: boolean): { update: IngestProgress; stop(): void } {
  let bar: cliProgress.SingleBar | undefined;
  const enabled = !quiet && process.stderr.isTTY === true;
  return {
    update(done, total) {
      if (!enabled || total <= 3) return;
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: "{bar} {value}/{total} files | {percentage}% | ETA {eta}s", hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
