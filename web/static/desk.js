// The coach's desk: the week on a time grid (days as columns, hours as rows, sessions and
// group dates as blocks placed by the API's minutes in the coach's zone; a session opens
// its actions: move through the shared day and time picker, cancel, no-show), sold packages
// (filters, search, CSV), numbers (server SVG), the schedule's feed. Text from people goes
// in through textContent only.
"use strict";
(function () {
  const app = window.MiniApp;
  const t = app.t;
  const $ = function (id) { return document.getElementById(id); };
  const state = { week: 0 };
  const tabs = ["week", "sold", "numbers"];
  const DAY = 24 * 60;
  const MINUTE_PX = 1; // the week's grid: an hour is 60 px tall

  // A sold package's status as the page's language says it ("used up").
  function status(value) {
    const key = "status_" + value;
    return app.words[key] !== undefined ? t(key) : value.replace("_", " ");
  }

  function say(text) { $("notice").textContent = text || ""; }

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
    const items = {};
    found.days.forEach(function (day) {
      items[day.date] = day.sessions.map(sessionItem).concat(day.dates.map(dateItem));
    });
    const hours = hourSpan(found.days);
    grid.appendChild(hourColumn(hours));
    found.week_days.forEach(function (day) {
      grid.appendChild(dayColumn(day, items[day.date] || [], hours));
    });
    // a narrow screen starts at the first day with something on it, next to the hours
    const first = $("day-" + found.days[0].date).parentNode;
    grid.parentNode.scrollLeft = first.offsetLeft - grid.firstChild.offsetWidth;
  }

  // The grid's hours: from the earliest to the latest with an item, at least 8:00 to 18:00.
  function hourSpan(days) {
    let first = 8;
    let last = 18;
    days.forEach(function (day) {
      day.sessions.concat(day.dates).forEach(function (item) {
        first = Math.min(first, Math.floor(item.start_minute / 60));
        last = Math.max(last, Math.ceil(Math.min(item.end_minute, DAY) / 60));
      });
    });
    return { first: first, last: last };
  }

  function offset(minute, hours) { return (minute - hours.first * 60) * MINUTE_PX + "px"; }

  // The hours down the left edge (the blocks say their own times to screen readers).
  function hourColumn(hours) {
    const column = app.el("div", null, { class: "hours", "aria-hidden": "true" });
    column.appendChild(app.el("div", null, { class: "day-head" }));
    const body = app.el("div", null, { class: "day-body" });
    body.style.height = offset(hours.last * 60, hours);
    for (let hour = hours.first; hour <= hours.last; hour += 1) {
      const label = app.el("span", String(hour).padStart(2, "0") + ":00");
      label.style.top = offset(hour * 60, hours);
      body.appendChild(label);
    }
    column.appendChild(body);
    return column;
  }

  // A day: its label on top, its items as blocks by their start and end; items that overlap
  // share the width side by side. In time order, so the tab order is too.
  function dayColumn(day, items, hours) {
    const column = app.el("div", null, { class: "day", role: "group", "aria-labelledby": "day-" + day.date });
    column.appendChild(app.el("h3", day.label, { class: "day-head", id: "day-" + day.date }));
    const list = app.el("ul", null, { class: "day-body" });
    list.style.height = offset(hours.last * 60, hours);
    items.sort(function (a, b) { return a.from - b.from || a.to - b.to; });
    lanes(items).forEach(function (item) {
      const node = item.node;
      node.style.top = offset(item.from, hours);
      node.style.height = (Math.min(item.to, DAY) - item.from) * MINUTE_PX + "px";
      node.style.left = (100 * item.lane / item.lanes) + "%";
      node.style.width = (100 / item.lanes) + "%";
      list.appendChild(node);
    });
    column.appendChild(list);
    return column;
  }

  // Each item's lane among those it overlaps, and how many lanes its cluster of overlaps uses.
  function lanes(items) {
    let cluster = [];
    let ends = [];
    let clusterEnd = -1;
    function close() { cluster.forEach(function (item) { item.lanes = ends.length; }); }
    items.forEach(function (item) {
      if (item.from >= clusterEnd) { close(); cluster = []; ends = []; }
      let lane = ends.findIndex(function (end) { return end <= item.from; });
      if (lane < 0) lane = ends.length;
      ends[lane] = item.to;
      item.lane = lane;
      cluster.push(item);
      clusterEnd = Math.max(clusterEnd, item.to);
    });
    close();
    return items;
  }

  function block(item, node) {
    return { from: item.start_minute, to: Math.max(item.end_minute, item.start_minute + 15), node: node };
  }

  // A session: its time, title and client, as a button that opens its actions.
  function sessionItem(s) {
    const item = app.el("li", null, { class: "session" });
    const who = s.client ? " · " + s.client : "";
    const open = app.el("button", null, { type: "button", class: "session", "aria-label": t("open_session", { what: s.title + who, when: s.when }) });
    open.appendChild(app.el("span", s.start + "–" + s.end + " " + s.title + who));
    open.addEventListener("click", function () { openSession(s, who); });
    item.appendChild(open);
    return block(s, item);
  }

  // A group date of the week (booked or not): its time, title and seats taken.
  function dateItem(d) {
    const item = app.el("li", null, { class: "group-date" });
    const seats = t("seats_taken", { taken: d.taken, capacity: d.capacity });
    item.appendChild(app.el("span", d.start + "–" + d.end + " " + d.title + " · " + seats));
    return block(d, item);
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
