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
  const t = app.t;
  const english = app.lang === "en";
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

  // Dates in the page's language (English keeps the chat's "Thu 26 Nov", "November 2026").
  function format(y, m, d, options) {
    return new Intl.DateTimeFormat(app.lang, Object.assign({ timeZone: "UTC" }, options))
      .format(new Date(Date.UTC(y, m - 1, d)));
  }

  function monthName(y, m) {
    return english ? MONTHS[m - 1] : format(y, m, 1, { month: "long" });
  }

  function monthTitle(y, m) {
    return english ? MONTHS[m - 1] + " " + y : format(y, m, 1, { month: "long", year: "numeric" });
  }

  function moveQuery() { return state.moving ? "&move=" + state.moving.id : ""; }

  function say(text) { $("notice").textContent = text || ""; }

  function dayLabel(iso) {
    const [y, m, d] = iso.split("-").map(Number);
    if (!english) return format(y, m, d, { weekday: "short", day: "numeric", month: "short" });
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
    let summary = t("left_of", { left: left, total: total });
    if (pkg.expires) summary += " · " + t("until", { when: pkg.expires });
    summary += " · " + t("times_in", { zone: pkg.zone });
    $("summary").textContent = summary;
    state.zone = pkg.zone;
    const items = $("items");
    app.clear(items);
    pkg.items.forEach(function (item) {
      const row = app.el("li");
      row.appendChild(app.el("span", item.title + " — " + t("left_of", { left: item.left, total: item.quantity })));
      if (item.bookable) {
        const button = app.el("button", t("book"), { type: "button", "aria-label": t("book_label", { title: item.title }) });
        button.addEventListener("click", function () { openPicker(item); });
        row.appendChild(button);
      }
      items.appendChild(row);
    });
    const upcoming = $("upcoming");
    app.clear(upcoming);
    if (!pkg.upcoming.length) upcoming.appendChild(app.el("li", t("none_booked")));
    pkg.upcoming.forEach(function (session) {
      const row = app.el("li");
      row.appendChild(app.el("span", session.title + " · " + session.when));
      if (session.changeable && !session.group) {
        const move = app.el("button", t("move"), {
          type: "button", "aria-label": t("move_label", { title: session.title, when: session.when }),
        });
        move.addEventListener("click", function () { openPicker({ id: session.item, kind: "service", title: session.title }, session); });
        row.appendChild(move);
      }
      if (session.changeable) {
        const cancel = app.el("button", t("cancel"), {
          type: "button", "aria-label": t("cancel_label", { title: session.title, when: session.when }),
        });
        cancel.addEventListener("click", function () { cancelSession(session); });
        row.appendChild(cancel);
      }
      upcoming.appendChild(row);
    });
    const feed = $("feed");
    feed.href = pkg.feed.replace(/^https:/, "webcal:");
    feed.setAttribute("aria-label", t("feed_label"));
  }

  async function openPicker(item, moving) {
    state.item = item;
    state.moving = moving || null;
    state.day = null;
    $("picker").hidden = false;
    $("picker-head").textContent = (moving ? t("move_head", { title: item.title, when: moving.when }) : t("book_label", { title: item.title }));
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
    $("zone").textContent = t("Times_in", { zone: found.zone });
    const [y, m] = found.month.split("-").map(Number);
    $("month-name").textContent = monthTitle(y, m);
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
        const unit = state.item.kind === "series" ? "free_dates" : "free_times";
        const label = app.plural(unit, free[iso], { day: dayLabel(iso) });
        const button = app.el("button", String(d), { type: "button", class: "free", "aria-label": label });
        button.addEventListener("click", function () { loadDay(iso); });
        cell.appendChild(button);
      } else {
        cell.appendChild(app.el("span", String(d), { "aria-label": t("nothing_free", { day: dayLabel(iso) }) }));
      }
      row.appendChild(cell);
      if ((offset + d) % 7 === 0) { body.appendChild(row); row = app.el("tr"); }
    }
    if (row.childNodes.length) body.appendChild(row);
    if (!found.days.length) say(t("no_free_in", { month: monthName(y, m) }));
  }

  async function loadDay(iso) {
    state.day = iso;
    $("confirm").hidden = true;
    hideMainButton();
    const query = "?kind=" + state.item.kind + "&date=" + iso + moveQuery();
    const found = await app.api(base + "/items/" + state.item.id + "/day" + query);
    $("times").hidden = false;
    $("times-head").textContent = t("pick_time", { day: dayLabel(iso), zone: found.zone });
    const box = $("time-buttons");
    app.clear(box);
    if (!found.times.length) {
      box.appendChild(app.el("p", t("nothing_that_day")));
    }
    found.times.forEach(function (time) {
      let text = time.label;
      if (time.seats_left !== undefined) text += " · " + app.plural("seats_left", time.seats_left);
      const button = app.el("button", text, {
        type: "button", "aria-label": t("time_label", { time: time.label, day: dayLabel(iso) }),
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
    const values = { title: state.item.title, day: dayLabel(iso), time: time.label, zone: state.zone };
    if (state.moving) values.when = state.moving.when;
    $("confirm-text").textContent = t(state.moving ? "confirm_move" : "confirm_book", values);
    $("confirm").hidden = false;
    $("confirm-button").focus();
    const tg = app.tg;
    if (tg && tg.MainButton) {
      tg.MainButton.setText(t("confirm"));
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
        say(t("moved", { title: done.title, when: done.when, zone: done.zone }));
      } else {
        const done = await app.api(base + "/items/" + state.item.id + "/book", state.choice);
        closePicker();
        say(t("booked", { title: done.title, when: done.when, zone: done.zone }));
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
    if (!(await ask(t("ask_cancel", { title: session.title, when: session.when })))) return;
    try {
      const done = await app.api(base + "/sessions/" + session.id + "/cancel", {});
      say(t("cancelled", { title: session.title, when: session.when }) +
        (done.returned ? " " + t("returned") : ""));
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
