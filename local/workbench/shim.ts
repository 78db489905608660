/**
 * What makes the real built Sidebar.html run in the workbench: a `google.script.run` (and `google.script.host`)
 * injected before the sidebar's own scripts. As in Apps Script, the sidebar sits in a sandboxed iframe of its
 * own origin and reaches the server only through the parent page (postMessage), which POSTs /gas/run.
 */
export const GAS_SHIM = `(function () {
  var pending = {};
  var seq = 0;
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent) return;
    var d = e.data;
    if (!d || d.type !== "gas.result") return;
    var p = pending[d.id];
    if (!p) return;
    delete pending[d.id];
    if (d.ok) {
      if (p.success) p.success(d.value, p.userObject);
    } else {
      var err = new Error(d.error);
      err.name = "ScriptError";
      if (p.failure) p.failure(err, p.userObject);
      else if (window.console) console.error(err);
    }
  });
  function runner(success, failure, userObject) {
    var base = {
      withSuccessHandler: function (fn) { return runner(fn, failure, userObject); },
      withFailureHandler: function (fn) { return runner(success, fn, userObject); },
      withUserObject: function (o) { return runner(success, failure, o); }
    };
    return new Proxy(base, {
      get: function (target, name) {
        if (Object.prototype.hasOwnProperty.call(target, name)) return target[name];
        if (typeof name !== "string" || name === "then") return undefined;
        return function () {
          var args = JSON.parse(JSON.stringify(Array.prototype.slice.call(arguments)));
          var id = ++seq;
          pending[id] = { success: success, failure: failure, userObject: userObject };
          window.parent.postMessage({ type: "gas.run", id: id, fn: name, args: args }, "*");
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(),
    host: {
      origin: "workbench",
      close: function () { window.parent.postMessage({ type: "gas.close" }, "*"); },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () {} }
    },
    url: { getLocation: function (cb) { cb({ hash: "", parameter: {}, parameters: {} }); } }
  };
})();`;

/** Puts the shim first in <head> (or first in the document), before any of the page's own scripts. */
export function injectShim(html: string): string {
  const tag = `<script>${GAS_SHIM}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}
