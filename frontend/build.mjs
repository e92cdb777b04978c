// Builds static/css/kns.css: Bootstrap's Sass with only the parts we import, then only the
// selectors that the public templates (ours and crispy-forms') and our Python form code use.
import { readFileSync, writeFileSync } from "node:fs";
import { PurgeCSS } from "purgecss";
import * as sass from "sass";

const root = new URL("..", import.meta.url).pathname;
const compiled = sass.compile(`${root}frontend/scss/kns.scss`, {
  style: "compressed",
  loadPaths: [`${root}frontend/node_modules`],
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions"],
});

const [result] = await new PurgeCSS().purge({
  content: [
    `${root}templates/**/*.html`,
    `${root}*/forms.py`,
    `${root}*/forms/*.py`,
    `${root}static/js/*.js`,
    `${root}.venv/lib/python3*/site-packages/crispy_bootstrap5/templates/bootstrap5/**/*.html`,
  ],
  // Sass starts compressed output with a byte-order mark when the source has non-ASCII characters;
  // after our banner it would make the first rule (:root, every --bs-* variable) invalid.
  css: [{ raw: compiled.css.replace(/^\uFEFF/, "") }],
  // Custom properties are kept whole: PurgeCSS's variable pruning drops ones that are only used through
  // other variables (--bs-card-border-width: var(--bs-border-width)), and cards lose their borders.
  // Classes put together in templates ("alert-{{ message.tags }}", "text-bg-{{ status }}").
  safelist: {
    standard: [/^alert-(success|info|warning|danger|secondary)$/, /^text-bg-/],
  },
});
const { version } = JSON.parse(readFileSync(`${root}frontend/node_modules/bootstrap/package.json`, "utf8"));
const banner =
  "/* Ky Nang So learner CSS, built by frontend/build.mjs (make css) from frontend/scss. Do not edit by hand.\n" +
  ` * Includes parts of Bootstrap v${version} (https://getbootstrap.com/), Copyright 2011-2025 The Bootstrap\n` +
  " * Authors, licensed under the MIT licence (frontend/BOOTSTRAP-LICENSE). */\n";
writeFileSync(`${root}static/css/kns.css`, banner + result.css + "\n");
console.log(`static/css/kns.css: ${(result.css.length / 1024).toFixed(1)} KB`);
