// The Jupyter widget manager is served from this site (_static/html-manager/, see the Makefile). Its modules find
// their icon fonts next to the path that require.js gives them: the manager's own module and the widget modules
// it defines (@jupyter-widgets/base, @jupyter-widgets/controls, ...), so point both at the vendored folder.
(function () {
  var here = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": here + "html-manager",
      "@jupyter-widgets": here + "html-manager",
    },
  });
})();
