/**
 * `google.script.run` and `google.script.host` as Apps Script gives them to an HTML-service page, injected before
 * the page's own scripts, so the sidebar runs the same code path here as in Google. What the reference says
 * (developers.google.com/apps-script/guides/html/reference/run and guides/html/communication) and this runner does:
 * - calls are asynchronous; the result goes to the success handler, a thrown server error to the failure
 *   handler (an Error), `withUserObject` passes its object as the handlers' second argument;
 * - legal parameters are primitives, null, and objects and arrays of them; a form element only as the one
 *   parameter (sent as its fields). A Date, a function, any other DOM element or a circular object anywhere in
 *   the arguments makes the request fail; undefined in an array becomes null, an undefined field is dropped;
 * - at most 10 calls run at once; an 11th waits for a free slot;
 * - only top-level functions whose names do not end in "_" can be called (checked on the server side).
 * Return values pass by the same rules (an assumption: the reference states them for parameters only). The exact
 * client error text is not documented; ours names the illegal value's path.
 * In the workbench the page sits in an iframe and reaches the server through the parent (postMessage); standing
 * alone (the browser tests) it POSTs /gas/run itself.
 */
export const GAS_SHIM = `(function () {
  var pending = {};
  var seq = 0;
  var running = 0;
  var waiting = [];
  var MAX_CONCURRENT = 10;
  function deliver(d) {
    var p = pending[d.id];
    if (!p) return;
    delete pending[d.id];
    running--;
    if (waiting.length) waiting.shift()();
    if (d.ok) {
      if (p.success) p.success(d.value, p.userObject);
    } else {
      var err = new Error(d.error);
      err.name = "ScriptError";
      if (p.failure) p.failure(err, p.userObject);
      else if (window.console) console.error(err);
    }
  }
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || window.parent === window) return;
    var d = e.data;
    if (d && d.type === "gas.result") deliver(d);
  });
  function send(id, fn, args) {
    if (window.parent !== window) {
      window.parent.postMessage({ type: "gas.run", id: id, fn: fn, args: args }, "*");
      return;
    }
    fetch("/gas/run", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fn: fn, args: args }) })
      .then(function (r) { return r.json(); })
      .then(function (d) { deliver({ id: id, ok: d.ok, value: d.value, error: d.error }); })
      .catch(function (e) { deliver({ id: id, ok: false, error: String(e && e.message || e) }); });
  }
  function isForm(v) { return typeof HTMLFormElement !== "undefined" && v instanceof HTMLFormElement; }
  function formFields(form) {
    var out = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled) continue;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      out[el.name] = el.value;
    }
    return out;
  }
  function copy(v, path, seen) {
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    if (typeof v === "number") return v;
    if (typeof v === "undefined") return undefined;
    var illegal = typeof v === "function" || v instanceof Date || (typeof Node !== "undefined" && v instanceof Node);
    if (illegal || typeof v !== "object") throw new Error("Failed due to illegal value in property: " + path);
    if (seen.indexOf(v) >= 0) throw new Error("Failed due to a circular reference in property: " + path);
    seen.push(v);
    var out;
    if (Array.isArray(v)) {
      out = [];
      for (var i = 0; i < v.length; i++) {
        var item = copy(v[i], path + "." + i, seen);
        out.push(item === undefined ? null : item);
      }
    } else {
      out = {};
      for (var k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        var field = copy(v[k], path + "." + k, seen);
        if (field !== undefined) out[k] = field;
      }
    }
    seen.pop();
    return out;
  }
  function legalArgs(list) {
    if (list.length === 1 && isForm(list[0])) return [formFields(list[0])];
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var a = copy(list[i], String(i), []);
      out.push(a === undefined ? null : a);
    }
    return out;
  }
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
          var args = legalArgs(Array.prototype.slice.call(arguments));
          var id = ++seq;
          pending[id] = { success: success, failure: failure, userObject: userObject };
          var go = function () { running++; send(id, name, args); };
          if (running < MAX_CONCURRENT) go();
          else waiting.push(go);
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(),
    host: {
      origin: "workbench",
      close: function () { if (window.parent !== window) window.parent.postMessage({ type: "gas.close" }, "*"); },
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

const CALLABLE = /^[A-Za-z_$][\w$]*$/;

/** What a server function may hand back to the page: the parameter rules, applied to the result. */
export function legalResult(value: unknown, path = "return", seen: object[] = []): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (["string", "number", "boolean"].includes(typeof value)) return value;
  if (typeof value === "function" || value instanceof Date || typeof value !== "object")
    throw new Error(`Failed due to illegal value in property: ${path}`);
  if (seen.includes(value)) throw new Error(`Failed due to a circular reference in property: ${path}`);
  seen.push(value);
  const out: unknown = Array.isArray(value)
    ? value.map((v, i) => legalResult(v, `${path}.${i}`, seen) ?? null)
    : Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, legalResult(v, `${path}.${k}`, seen)]),
      );
  seen.pop();
  return out;
}

/** Whether google.script.run may call a function of this name (private functions end in "_"). */
export function isCallableName(fn: string): boolean {
  return CALLABLE.test(fn) && !fn.endsWith("_");
}
