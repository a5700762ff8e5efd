/**
 * Turns a cell's iopub messages into nbformat outputs, as a Jupyter front end stores them:
 * consecutive stream messages of the same name merge into one output (JupyterLab does this;
 * tslab sends one message per console write), `update_display_data` replaces the data of every
 * earlier output with that display id (in any cell), `clear_output` clears the cell.
 */
import type { CodeCell, DisplayDataOutput, ExecuteResultOutput, Output, StreamOutput } from "./nbformat";
import type { Message } from "./wire";

interface DisplayContent {
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
  execution_count?: number | null;
}

export class OutputCollector {
  /** display_id -> outputs showing it. */
  private readonly displays = new Map<string, Array<DisplayDataOutput | ExecuteResultOutput>>();
  private cell: CodeCell | undefined;
  private clearBeforeNext = false;

  /** Subsequent messages go to this cell's outputs. */
  startCell(cell: CodeCell): void {
    this.cell = cell;
    this.clearBeforeNext = false;
  }

  add(message: Message): void {
    const cell = this.cell;
    if (!cell) return;
    const type = message.header.msg_type;
    const content = message.content as DisplayContent & Record<string, unknown>;
    const displayId = content.transient?.display_id;
    if (type === "update_display_data") {
      if (displayId) this.update(displayId, content);
      return;
    }
    if (type === "clear_output") {
      if (content.wait) this.clearBeforeNext = true;
      else this.clear(cell);
      return;
    }
    const output = toOutput(type, content);
    if (!output) return;
    if (this.clearBeforeNext) {
      this.clear(cell);
      this.clearBeforeNext = false;
    }
    if (displayId && output.output_type !== "stream" && output.output_type !== "error") {
      this.update(displayId, content);
      const shown = this.displays.get(displayId) ?? [];
      shown.push(output);
      this.displays.set(displayId, shown);
    }
    const last = cell.outputs[cell.outputs.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name)
      last.text = (last.text as string) + output.text;
    else cell.outputs.push(output);
  }

  private update(displayId: string, content: DisplayContent): void {
    for (const output of this.displays.get(displayId) ?? []) {
      output.data = content.data ?? {};
      output.metadata = content.metadata ?? {};
    }
  }

  private clear(cell: CodeCell): void {
    const removed = new Set<Output>(cell.outputs);
    for (const [id, outputs] of this.displays) this.displays.set(id, outputs.filter((o) => !removed.has(o)));
    cell.outputs = [];
  }
}

function toOutput(type: string, content: DisplayContent & Record<string, unknown>): Output | undefined {
  switch (type) {
    case "stream":
      return { output_type: "stream", name: content.name === "stderr" ? "stderr" : "stdout", text: String(content.text ?? "") } satisfies StreamOutput;
    case "display_data":
      return { output_type: "display_data", data: content.data ?? {}, metadata: content.metadata ?? {} };
    case "execute_result":
      return { output_type: "execute_result", execution_count: content.execution_count ?? null, data: content.data ?? {}, metadata: content.metadata ?? {} };
    case "error":
      return {
        output_type: "error",
        ename: String(content.ename ?? ""),
        evalue: String(content.evalue ?? ""),
        traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
      };
    default:
      return undefined;
  }
}
