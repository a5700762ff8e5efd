import type { ProgressMode } from "../../sweep/progress";
/**
 * A paper figure: one file per figure in lib/figures/paper/, named after it,
 * registered in lib/figures/paper/index.ts. `build` runs what the figure needs
 * (sweeps, closed forms) and returns the chart with its data and provenance;
 * `consensus-lab figures` saves it with saveFigure.
 */
import type { TableLike } from "../../charts/data";
import type { VegaLiteSpec } from "../../charts/spec";

export interface FigureBuildOptions {
  /** A small, fast version (fewer points, replicates and blocks) for tests and drafts. Default false. */
  quick?: boolean;
  /** Root seed of the sweeps. Default 1. */
  seed?: number;
  /** Progress of the sweeps (they run on every core and are cached in data/sweeps/). Default "auto". */
  progress?: ProgressMode;
}

export interface FigureBuild {
  spec: VegaLiteSpec;
  /** The data behind the figure (written as CSV). */
  data: TableLike;
  /** Everything that determines the figure, for the manifest. */
  params: Record<string, unknown>;
  /** Seeds used, for the manifest. */
  seeds: unknown;
}

export interface PaperFigure {
  /** File stem and CLI name, e.g. "selfish-mining-revenue". */
  name: string;
  title: string;
  build(options?: FigureBuildOptions): FigureBuild | Promise<FigureBuild>;
}
