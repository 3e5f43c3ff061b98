// Copies the vendored browser assets into the hub's wwwroot (committed there; the hub serves them, no CDN).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const lib = join(here, "..", "src", "AnalysisHub.Server", "wwwroot", "lib");
mkdirSync(lib, { recursive: true });
const dist = join(here, "node_modules", "@microsoft", "signalr", "dist", "browser");
for (const file of ["signalr.min.js", "signalr.min.js.map"]) copyFileSync(join(dist, file), join(lib, file));
console.log("copied @microsoft/signalr browser build to", lib);
