// Render every math fragment given on stdin (a JSON list of {tex, display}) with KaTeX,
// throwOnError and strict "error"; print a JSON list of error messages ("" when it rendered).
"use strict";
const katex = require("katex");
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const fragments = JSON.parse(input);
  const errors = fragments.map(({ tex, display }) => {
    try {
      katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "error" });
      return "";
    } catch (error) {
      return String(error.message);
    }
  });
  process.stdout.write(JSON.stringify(errors));
});
