// Counts page views and the shop's funnel steps without a cookie: one small POST per page,
// sent after the page has loaded. The visit's first page lives in sessionStorage (gone with
// the tab) and reaches the shop only inside the add-to-cart form. Silent under Global
// Privacy Control or Do Not Track, and in browsers without sendBeacon.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) return;
  if (navigator.globalPrivacyControl === true || navigator.doNotTrack === "1" || window.doNotTrack === "1") return;

  var url = script.getAttribute("data-beacon-url");
  var path = location.pathname;

  function read(key) {
    try { return window.sessionStorage.getItem("qlclaw." + key) || ""; } catch (e) { return ""; }
  }
  function write(key, value) {
    try { window.sessionStorage.setItem("qlclaw." + key, value); } catch (e) { /* storage off: count anyway */ }
  }
  // Each funnel step counts once per visit, however often its page is reloaded.
  function firstTime(event) {
    if (read("counted." + event)) return false;
    write("counted." + event, "1");
    return true;
  }

  var referrer = "";
  try {
    var from = new URL(document.referrer);
    if (from.hostname !== location.hostname) referrer = from.hostname;
  } catch (e) { /* no referrer */ }

  var events = ["page_view"];
  if (!read("landing")) {
    write("landing", path);
    write("referrer", referrer);
    events.push("visit");
  }
  var pageEvent = script.getAttribute("data-event");
  if (pageEvent && firstTime(pageEvent)) events.push(pageEvent);

  function send(what) {
    var body = {path: path, landing: read("landing"), referrer: referrer, events: what};
    navigator.sendBeacon(url, JSON.stringify(body));
  }

  // After load, so counting never competes with the page; or as the visitor leaves before that.
  var pageSent = false;
  function sendPage() {
    if (pageSent) return;
    pageSent = true;
    send(events);
  }
  if (document.readyState === "complete") sendPage();
  else window.addEventListener("load", sendPage);
  window.addEventListener("pagehide", sendPage);

  // Speed for real visitors, in a sample of page views: the web-vitals library (the shop's own
  // copy) is fetched after load, and its latest values go in one beacon as the page is left.
  var sample = parseFloat(script.getAttribute("data-vitals-sample") || "0");
  if (sample > 0 && Math.random() < sample) {
    var vitals = {};
    var vitalsSent = false;
    var measure = function () {
      var library = document.createElement("script");
      library.src = script.getAttribute("data-vitals-url");
      // Its hash lets it run where the page's CSP allows scripts by hash alone.
      library.integrity = script.getAttribute("data-vitals-integrity") || "";
      library.crossOrigin = "anonymous";
      library.async = true;
      library.onload = function () {
        var keep = function (metric) { vitals[metric.name] = metric.value; };
        ["onLCP", "onINP", "onCLS", "onTTFB"].forEach(function (on) {
          window.webVitals[on](keep, {reportAllChanges: true});
        });
      };
      document.head.appendChild(library);
    };
    var sendVitals = function () {
      if (vitalsSent || !Object.keys(vitals).length) return;
      vitalsSent = true;
      navigator.sendBeacon(url, JSON.stringify({path: path, vitals: vitals}));
    };
    if (document.readyState === "complete") measure();
    else window.addEventListener("load", measure);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") sendVitals();
    });
    window.addEventListener("pagehide", sendVitals);
  }

  // Adding to the cart: the visit's first page goes with the form, so the order can know it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form.buy")) return;
    [["landing_page", read("landing")], ["landing_referrer", read("referrer")]].forEach(function (field) {
      if (!field[1] || form.elements[field[0]]) return;
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = field[0];
      input.value = field[1];
      form.appendChild(input);
    });
    if (firstTime("added_to_cart")) send(["added_to_cart"]);
  });
})();
