// The client's calendar: the package, a month of days with free times, a day's times,
// Confirm; sessions to come with Cancel. Everything typed by people goes in as text.
"use strict";
(function () {
  const app = window.MiniApp;
  const root = document.getElementById("calendar");
  const sold = root.dataset.sold;
  const base = "/api/packages/" + sold;
  const $ = function (id) { return document.getElementById(id); };
  const state = { item: null, month: null, day: null, choice: null, zone: "" };
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  function moveQuery() { return state.moving ? "&move=" + state.moving.id : ""; }

  function say(text) { $("notice").textContent = text || ""; }

  function dayLabel(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
    return WEEKDAYS[weekday] + " " + d + " " + MONTHS[m - 1].slice(0, 3);
  }

  function shiftMonth(month, by) {
    let [y, m] = month.split("-").map(Number);
    m += by;
    while (m < 1) { m += 12; y -= 1; }
    while (m > 12) { m -= 12; y += 1; }
    return y + "-" + String(m).padStart(2, "0");
  }

  async function loadPackage() {
    const pkg = await app.api(base);
    $("title").textContent = pkg.title;
    const left = pkg.items.reduce(function (n, i) { return n + i.left; }, 0);
    const total = pkg.items.reduce(function (n, i) { return n + i.quantity; }, 0);
    let summary = left + " of " + total + " left";
    if (pkg.expires) summary += " · until " + pkg.expires;
    summary += " · times in " + pkg.zone;
    $("summary").textContent = summary;
    state.zone = pkg.zone;
    const items = $("items");
    app.clear(items);
    pkg.items.forEach(function (item) {
      const row = app.el("li");
      row.appendChild(app.el("span", item.title + " — " + item.left + " of " + item.quantity + " left"));
      if (item.bookable) {
        const button = app.el("button", "📅 Book", { type: "button", "aria-label": "Book " + item.title });
        button.addEventListener("click", function () { openPicker(item); });
        row.appendChild(button);
      }
      items.appendChild(row);
    });
    const upcoming = $("upcoming");
    app.clear(upcoming);
    if (!pkg.upcoming.length) upcoming.appendChild(app.el("li", "No sessions booked yet."));
    pkg.upcoming.forEach(function (session) {
      const row = app.el("li");
      row.appendChild(app.el("span", session.title + " · " + session.when));
      if (session.changeable && !session.group) {
        const move = app.el("button", "🕑 Move", {
          type: "button", "aria-label": "Move " + session.title + " on " + session.when,
        });
        move.addEventListener("click", function () { openPicker({ id: session.item, kind: "service", title: session.title }, session); });
        row.appendChild(move);
      }
      if (session.changeable) {
        const cancel = app.el("button", "✖ Cancel", {
          type: "button", "aria-label": "Cancel " + session.title + " on " + session.when,
        });
        cancel.addEventListener("click", function () { cancelSession(session); });
        row.appendChild(cancel);
      }
      upcoming.appendChild(row);
    });
    const feed = $("feed");
    feed.href = pkg.feed.replace(/^https:/, "webcal:");
    feed.setAttribute("aria-label", "Subscribe to this package's sessions in your calendar");
  }

  async function openPicker(item, moving) {
    state.item = item;
    state.moving = moving || null;
    state.day = null;
    $("picker").hidden = false;
    $("picker-head").textContent = (moving ? "Move " + item.title + " from " + moving.when : "Book " + item.title);
    $("times").hidden = true;
    $("confirm").hidden = true;
    say("");
    await loadMonth(null);
    app.backButton(closePicker);
    $("prev-month").focus();
  }

  function closePicker() {
    $("picker").hidden = true;
    hideMainButton();
    app.backButton(null);
  }

  async function loadMonth(month) {
    // without a month: the first one with free times (the server knows the viewer's zone)
    const query = "?kind=" + state.item.kind + (month ? "&month=" + month : "") + moveQuery();
    const found = await app.api(base + "/items/" + state.item.id + "/month" + query);
    state.month = found.month;
    state.zone = found.zone;
    $("zone").textContent = "Times in " + found.zone;
    const [y, m] = found.month.split("-").map(Number);
    $("month-name").textContent = MONTHS[m - 1] + " " + y;
    const free = {};
    found.days.forEach(function (d) { free[d.date] = d.count; });
    const body = $("month-days");
    app.clear(body);
    const first = new Date(Date.UTC(y, m - 1, 1));
    const offset = (first.getUTCDay() + 6) % 7;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    let row = app.el("tr");
    for (let i = 0; i < offset; i++) row.appendChild(app.el("td"));
    for (let d = 1; d <= days; d++) {
      const iso = found.month + "-" + String(d).padStart(2, "0");
      const cell = app.el("td");
      if (free[iso]) {
        const unit = state.item.kind === "series" ? " date" : " free time";
        const label = dayLabel(iso) + ", " + free[iso] + unit + (free[iso] > 1 ? "s" : "");
        const button = app.el("button", String(d), { type: "button", class: "free", "aria-label": label });
        button.addEventListener("click", function () { loadDay(iso); });
        cell.appendChild(button);
      } else {
        cell.appendChild(app.el("span", String(d), { "aria-label": dayLabel(iso) + ", nothing free" }));
      }
      row.appendChild(cell);
      if ((offset + d) % 7 === 0) { body.appendChild(row); row = app.el("tr"); }
    }
    if (row.childNodes.length) body.appendChild(row);
    if (!found.days.length) say("No free times in " + MONTHS[m - 1] + ".");
  }

  async function loadDay(iso) {
    state.day = iso;
    $("confirm").hidden = true;
    hideMainButton();
    const query = "?kind=" + state.item.kind + "&date=" + iso + moveQuery();
    const found = await app.api(base + "/items/" + state.item.id + "/day" + query);
    $("times").hidden = false;
    $("times-head").textContent = "Pick a time on " + dayLabel(iso) + " (times in " + found.zone + ")";
    const box = $("time-buttons");
    app.clear(box);
    if (!found.times.length) {
      box.appendChild(app.el("p", "Nothing free that day any more."));
    }
    found.times.forEach(function (time) {
      let text = time.label;
      if (time.seats_left !== undefined) text += " · " + time.seats_left + " left";
      const button = app.el("button", text, {
        type: "button", "aria-label": time.label + " on " + dayLabel(iso),
      });
      button.addEventListener("click", function () { pick(time, iso); });
      box.appendChild(button);
    });
    const firstButton = box.querySelector("button");
    if (firstButton) firstButton.focus();
    app.backButton(function () { $("times").hidden = true; app.backButton(closePicker); });
  }

  function pick(time, iso) {
    state.choice = time.occurrence !== undefined ? { occurrence: time.occurrence } : { at: time.at };
    const what = state.moving ? "Move " + state.item.title + " from " + state.moving.when + " to " : "Book " + state.item.title + " on ";
    $("confirm-text").textContent = what + dayLabel(iso) + " " + time.label + " (" + state.zone + ")?";
    $("confirm").hidden = false;
    $("confirm-button").focus();
    const tg = app.tg;
    if (tg && tg.MainButton) {
      tg.MainButton.setText("✅ Confirm");
      tg.MainButton.onClick(confirm);
      tg.MainButton.show();
    }
    app.backButton(function () { loadDay(iso); });
  }

  function hideMainButton() {
    const tg = app.tg;
    if (tg && tg.MainButton) { tg.MainButton.offClick(confirm); tg.MainButton.hide(); }
  }

  async function confirm() {
    hideMainButton();
    $("confirm-button").disabled = true;
    try {
      if (state.moving) {
        const done = await app.api(base + "/sessions/" + state.moving.id + "/move", state.choice);
        closePicker();
        say("Moved: " + done.title + ", now " + done.when + " (" + done.zone + ")");
      } else {
        const done = await app.api(base + "/items/" + state.item.id + "/book", state.choice);
        closePicker();
        say("Booked: " + done.title + ", " + done.when + " (" + done.zone + ")");
      }
      await loadPackage();
    } catch (error) {
      if (!error.refused) throw error;
      say(error.message);
      await loadMonth(state.month);
      if (state.day) await loadDay(state.day);
    } finally {
      $("confirm-button").disabled = false;
    }
  }

  function ask(question) {
    const tg = app.tg;
    if (tg && tg.showConfirm) {
      return new Promise(function (resolve) { tg.showConfirm(question, resolve); });
    }
    return Promise.resolve(window.confirm(question));
  }

  async function cancelSession(session) {
    if (!(await ask("Cancel " + session.title + " on " + session.when + "?"))) return;
    try {
      const done = await app.api(base + "/sessions/" + session.id + "/cancel", {});
      say("Cancelled: " + session.title + ", " + session.when + "." +
        (done.returned ? " It is back in the package." : ""));
    } catch (error) {
      if (!error.refused) throw error;
      say(error.message);
    }
    await loadPackage();
  }

  function guarded(run) {
    return function () {
      return Promise.resolve(run.apply(null, arguments)).catch(function (error) {
        app.showError(error.message);
      });
    };
  }

  $("prev-month").addEventListener("click", guarded(function () { return loadMonth(shiftMonth(state.month, -1)); }));
  $("next-month").addEventListener("click", guarded(function () { return loadMonth(shiftMonth(state.month, 1)); }));
  $("confirm-button").addEventListener("click", guarded(confirm));
  $("back-button").addEventListener("click", function () { loadDay(state.day); });
  openPicker = guarded(openPicker);
  loadDay = guarded(loadDay);
  cancelSession = guarded(cancelSession);
  guarded(loadPackage)();
})();
