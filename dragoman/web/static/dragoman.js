/* Dragoman pages: show an event's evidence in the text (its sentence and trigger), no libraries. */
(function () {
  "use strict";

  function clear() {
    document.querySelectorAll(".hl-sent, .hl-trg").forEach(function (el) {
      el.classList.remove("hl-sent", "hl-trg");
    });
    document.querySelectorAll(".ev.active").forEach(function (el) { el.classList.remove("active"); });
  }

  function show(idx, scroll) {
    var item = document.getElementById("event-" + idx);
    var sentence = document.querySelectorAll(".s" + idx);
    var trigger = document.querySelectorAll(".t" + idx);
    if (!item || (!sentence.length && !trigger.length)) { return false; }
    clear();
    sentence.forEach(function (el) { el.classList.add("hl-sent"); });
    trigger.forEach(function (el) { el.classList.add("hl-trg"); });
    item.classList.add("active");
    var target = trigger.length ? trigger[0] : sentence[0];
    if (scroll) { target.scrollIntoView({ behavior: "smooth", block: "center" }); }
    return true;
  }

  function choose(el) {
    var idx = el.getAttribute("data-ev");
    if (show(idx, true) && window.history && history.replaceState) {
      history.replaceState(null, "", "#event-" + idx);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".ev[data-ev]").forEach(function (el) {
      el.addEventListener("click", function () { choose(el); });
      el.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); choose(el); }
      });
    });
    var match = /^#event-(\d+)$/.exec(window.location.hash);
    if (match) { show(match[1], true); }
  });
})();
