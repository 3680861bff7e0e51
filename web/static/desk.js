// The coach's desk: the week (sessions and group dates on week_grid.js's time grid; a
// session opens its actions: move through the shared day and time picker, cancel, no-show),
// sold packages (filters, search, CSV), numbers (server SVG), the schedule's feed. Text from
// people goes in through textContent only.
"use strict";
(function () {
  const app = window.MiniApp;
  const t = app.t;
  const $ = app.$;
  const say = app.say;
  const state = { week: 0 };
  const tabs = ["week", "sold", "numbers"];

  // A sold package's status as the page's language says it ("used up").
  function status(value) {
    const key = "status_" + value;
    return app.words[key] !== undefined ? t(key) : value.replace("_", " ");
  }

  function guarded(run) { return app.guarded(run, say); }

  const picker = app.picker({
    unit: function () { return "free_times"; },
    month: function (month) {
      return app.api(sessionPath("month") + (month ? "?month=" + month : ""));
    },
    day: function (iso) { return app.api(sessionPath("day") + "?date=" + iso); },
    question: function (time, iso, zone) {
      const s = state.session;
      return t("confirm_move", { title: s.title, when: s.when, day: app.dayLabel(iso), time: time.label, zone: zone });
    },
    confirm: async function (time) {
      const done = await app.api(sessionPath("move"), { at: time.at });
      say(done.moved ? t("moved", { title: done.title, when: done.when, zone: done.zone }) : t("unchanged"));
    },
    after: function () { return loadWeek(); },
    say: say,
  });

  function sessionPath(what) { return "/api/desk/sessions/" + state.session.id + "/" + what; }

  function show(tab) {
    tabs.forEach(function (name) {
      $(name).hidden = name !== tab;
      $("tab-" + name).setAttribute("aria-pressed", String(name === tab));
    });
    if (tab === "sold") return loadSold();
    if (tab === "numbers") return loadNumbers();
    return loadWeek();
  }

  async function loadWeek() {
    const found = await app.api("/api/desk/week?week=" + state.week);
    state.week = found.week;
    $("week-name").textContent = t("week_of", { label: found.label, zone: found.zone });
    $("prev-week").disabled = !found.has_previous;
    $("next-week").disabled = !found.has_next;
    $("session-actions").hidden = true;
    const grid = $("week-days");
    app.clear(grid);
    $("week-empty").textContent = t("no_sessions");
    $("week-empty").hidden = found.days.length > 0;
    grid.hidden = !found.days.length;
    if (!found.days.length) return;
    app.weekGrid(grid, found, { session: sessionItem, date: dateItem });
  }

  // A session: its time, title and client, as a button that opens its actions.
  function sessionItem(s) {
    const item = app.el("li", null, { class: "session" });
    const who = s.client ? " · " + s.client : "";
    const open = app.el("button", null, { type: "button", class: "session", "aria-label": t("open_session", { what: s.title + who, when: s.when }) });
    open.appendChild(app.el("span", s.start + "–" + s.end + " " + s.title + who));
    open.addEventListener("click", function () { openSession(s, who); });
    item.appendChild(open);
    return item;
  }

  // A group date of the week (booked or not): its time, title and seats taken.
  function dateItem(d) {
    const item = app.el("li", null, { class: "group-date" });
    const seats = t("seats_taken", { taken: d.taken, capacity: d.capacity });
    item.appendChild(app.el("span", d.start + "–" + d.end + " " + d.title + " · " + seats));
    return item;
  }

  function openSession(s, who) {
    state.session = s;
    picker.close();
    $("session-actions").hidden = false;
    $("session-head").textContent = s.when + "–" + s.end + " " + s.title + who;
    $("session-move").hidden = !s.movable;
    $("session-no-show").hidden = !s.no_show;
    const what = { what: s.title + who, when: s.when };
    $("session-move").setAttribute("aria-label", t("move_label", { title: what.what, when: s.when }));
    $("session-cancel").setAttribute("aria-label", t("cancel_label", what));
    $("session-no-show").setAttribute("aria-label", t("no_show_label", what));
    $("session-actions").querySelector("button:not([hidden])").focus();
  }

  async function cancelSession() {
    const s = state.session;
    if (!(await app.ask(t("ask_cancel", { title: s.title, when: s.when })))) return;
    await act(s, "cancel");
  }

  function moveSession() {
    const s = state.session;
    $("session-actions").hidden = true;
    return picker.open(t("move_head", { title: s.title, when: s.when }));
  }

  async function act(session, what) {
    await app.api("/api/desk/sessions/" + session.id + "/" + what, {});
    say(t(what === "cancel" ? "cancelled" : "no_show", { title: session.title, when: session.when }));
    await loadWeek();
  }

  async function loadSold() {
    const query = "?filter=" + encodeURIComponent($("sold-filter").value) +
      "&q=" + encodeURIComponent($("sold-search").value);
    const found = await app.api("/api/desk/sold" + query);
    const body = $("sold-rows");
    app.clear(body);
    if (!found.rows.length) {
      const row = app.el("tr");
      row.appendChild(app.el("td", t("nothing_found"), { colspan: "5" }));
      body.appendChild(row);
    }
    found.rows.forEach(function (r) {
      const row = app.el("tr");
      const open = app.el("button", r.title, { type: "button", "aria-label": r.client ? t("manage_of", { title: r.title, client: r.client }) : t("manage", { title: r.title }) });
      open.addEventListener("click", function () { openRow(r); });
      const first = app.el("td");
      first.appendChild(open);
      row.appendChild(first);
      row.appendChild(app.el("td", r.client));
      row.appendChild(app.el("td", t("left_of", { left: r.left, total: r.total })));
      row.appendChild(app.el("td", r.expires || "—"));
      row.appendChild(app.el("td", status(r.status)));
      body.appendChild(row);
    });
  }

  function openRow(r) {
    state.row = r;
    $("row-actions").hidden = false;
    const what = r.title + (r.client ? " · " + r.client : "");
    $("row-head").textContent = r.expires ? t("expires", { what: what, when: r.expires }) : t("expires_never", { what: what });
    $("new-link").textContent = "";
    $("expiry-date").focus();
  }

  async function changeExpiry(date) {
    const done = await app.api("/api/desk/sold/" + state.row.id + "/expiry", { date: date });
    if (!done.changed) say(t("unchanged"));
    else say(done.expires ? t("expiry_changed", { when: done.expires }) : t("expiry_removed"));
    await loadSold();
  }

  async function revoke() {
    const question = t("ask_revoke", { title: state.row.title });
    if (!(await app.ask(question))) return;
    const done = await app.api("/api/desk/sold/" + state.row.id + "/revoke", {});
    $("new-link").textContent = t("new_link", { link: done.link });
    say(t("old_link_gone"));
  }

  async function download(path, name) {
    const answer = await fetch(path, { headers: { Authorization: "tma " + app.initData } });
    if (!answer.ok) throw new Error(t("export_failed"));
    const url = URL.createObjectURL(await answer.blob());
    const link = app.el("a", name, { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  async function loadNumbers() {
    const found = await app.api("/api/desk/numbers");
    const box = $("charts");
    app.clear(box);
    found.charts.forEach(function (svg) {
      // server-drawn SVG (escaped labels); parsed as SVG, never as HTML
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      box.appendChild(document.importNode(doc.documentElement, true));
    });
  }

  async function loadFeed(rotate) {
    const found = rotate ? await app.api("/api/desk/feed", {}) : await app.api("/api/desk/feed");
    $("feed-link").href = found.url.replace(/^https:/, "webcal:");
    if (rotate) say(t("feed_rotated"));
  }

  tabs.forEach(function (name) { $("tab-" + name).addEventListener("click", guarded(function () { return show(name); })); });
  $("prev-week").addEventListener("click", guarded(function () { state.week -= 1; return loadWeek(); }));
  $("next-week").addEventListener("click", guarded(function () { state.week += 1; return loadWeek(); }));
  $("sold-form").addEventListener("submit", function (event) { event.preventDefault(); guarded(loadSold)(); });
  $("sold-filter").addEventListener("change", guarded(loadSold));
  $("export-sold").addEventListener("click", guarded(function () { return download("/api/desk/export/sold.csv", "sold-packages.csv"); }));
  $("export-sessions").addEventListener("click", guarded(function () { return download("/api/desk/export/sessions.csv", "sessions.csv"); }));
  $("expiry-form").addEventListener("submit", function (event) { event.preventDefault(); guarded(function () { return changeExpiry($("expiry-date").value); })(); });
  $("expiry-none").addEventListener("click", guarded(function () { return changeExpiry(null); }));
  $("revoke").addEventListener("click", guarded(revoke));
  $("session-move").addEventListener("click", guarded(moveSession));
  $("session-cancel").addEventListener("click", guarded(cancelSession));
  $("session-no-show").addEventListener("click", guarded(function () { return act(state.session, "no-show"); }));
  $("feed-rotate").addEventListener("click", guarded(function () { return loadFeed(true); }));
  guarded(loadWeek)();
  guarded(function () { return loadFeed(false); })();
})();
