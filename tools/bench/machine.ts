// The machine a benchmark ran on, as every result file states it.
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";

export function machine() {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    // /proc/cpuinfo names the model even where os.cpus() is vague.
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  return {
    cpuModel,
    cores: cpus().length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    platform: `${process.platform} ${process.arch}`,
  };
}
