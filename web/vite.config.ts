// The dashboard build: `npm run build:web` writes web/dist, which `sitrep serve` serves. Everything it needs
// (Leaflet, the world-atlas basemap) is bundled: no CDN, it works offline.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "./",
  logLevel: "warn",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // the basemap is fetched as a file, not inlined into the script
    assetsInlineLimit: 4096,
    chunkSizeWarningLimit: 1200,
  },
});
