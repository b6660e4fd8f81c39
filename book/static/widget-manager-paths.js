// The Jupyter widget manager is served from this site (_static/html-manager/, see the Makefile). It finds its
// icon fonts next to the module path that require.js gives it, so point that path at the vendored folder.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": here + "html-manager" } });
})();
