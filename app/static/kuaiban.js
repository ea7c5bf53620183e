// Progress bars for uploads sent by htmx; without JavaScript the forms post normally.
document.addEventListener("htmx:xhr:progress", function (evt) {
  var form = evt.target.closest && evt.target.closest("form");
  var bar = form && form.querySelector(".upload-progress");
  if (bar && evt.detail.lengthComputable) {
    bar.hidden = false;
    bar.value = Math.round((evt.detail.loaded / evt.detail.total) * 100);
  }
});

// What the user types while an htmx request is in flight wins over the (older) values the
// response carries: e.g. choosing an address's district re-renders the whole field, and a fast
// typist has already started on the street. Inputs edited after the request began keep their value.
(function () {
  var edits = 0;
  function mark(evt) {
    if (evt.target && "value" in evt.target) evt.target.__kbEdit = ++edits;
  }
  document.addEventListener("input", mark, true);
  document.addEventListener("change", mark, true);
  function key(el) {
    return el.type === "checkbox" || el.type === "radio" ? "n:" + el.name + "=" + el.value : el.id && "i:" + el.id;
  }
  document.addEventListener("htmx:beforeRequest", function (evt) {
    evt.detail.xhr.__kbMark = edits;
  });
  document.addEventListener("htmx:beforeSwap", function (evt) {
    var xhr = evt.detail.xhr, target = evt.detail.target;
    if (!xhr || xhr.__kbMark === undefined || !target || !target.querySelectorAll) return;
    var kept = [];
    target.querySelectorAll("input, select, textarea").forEach(function (el) {
      if ((el.__kbEdit || 0) > xhr.__kbMark && el.type !== "file" && key(el)) {
        kept.push({ key: key(el), value: el.value, checked: el.checked });
      }
    });
    xhr.__kbKept = kept;
  });
  document.addEventListener("htmx:afterSwap", function (evt) {
    var xhr = evt.detail.xhr, kept = xhr && xhr.__kbKept;
    if (!kept || !kept.length) return;
    xhr.__kbKept = null;
    var byKey = {};
    document.querySelectorAll("input, select, textarea").forEach(function (el) {
      var k = key(el);
      if (k) byKey[k] = el;
    });
    xhr.__kbRestored = [];
    kept.forEach(function (k) {
      var el = byKey[k.key];
      if (!el) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = k.checked;
      else el.value = k.value;
      xhr.__kbRestored.push(el);
    });
  });
  // Once htmx has wired the new elements, save the restored values through their own triggers.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var xhr = evt.detail.xhr, restored = xhr && xhr.__kbRestored;
    if (!restored) return;
    xhr.__kbRestored = null;
    restored.forEach(function (el) {
      if (el.isConnected) el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
})();
