// The client's calendar: the package, a month of days with free times, a day's times,
// Confirm; sessions to come with Cancel. Everything typed by people goes in as text.
"use strict";
(function () {
  const app = window.MiniApp;
  const root = document.getElementById("calendar");
  const sold = root.dataset.sold;
  const base = "/api/packages/" + sold;
  const $ = app.$;
  const say = app.say;
  const state = { item: null, moving: null, zone: "" };
  const t = app.t;
  const dayLabel = app.dayLabel;

  function moveQuery() { return state.moving ? "&move=" + state.moving.id : ""; }

  const picker = app.picker({
    unit: function () { return state.item.kind === "series" ? "free_dates" : "free_times"; },
    month: function (month) {
      // without a month: the first one with free times (the server knows the viewer's zone)
      const query = "?kind=" + state.item.kind + (month ? "&month=" + month : "") + moveQuery();
      return app.api(base + "/items/" + state.item.id + "/month" + query);
    },
    day: function (iso) {
      const query = "?kind=" + state.item.kind + "&date=" + iso + moveQuery();
      return app.api(base + "/items/" + state.item.id + "/day" + query);
    },
    question: function (time, iso, zone) {
      const values = { title: state.item.title, day: dayLabel(iso), time: time.label, zone: zone };
      if (state.moving) values.when = state.moving.when;
      return t(state.moving ? "confirm_move" : "confirm_book", values);
    },
    confirm: async function (time) {
      const choice = time.occurrence !== undefined ? { occurrence: time.occurrence } : { at: time.at };
      if (state.moving) {
        const done = await app.api(base + "/sessions/" + state.moving.id + "/move", choice);
        say(t("moved", { title: done.title, when: done.when, zone: done.zone }));
      } else {
        const done = await app.api(base + "/items/" + state.item.id + "/book", choice);
        say(t("booked", { title: done.title, when: done.when, zone: done.zone }));
      }
    },
    after: function () { return loadPackage(); },
    say: say,
  });

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

  function openPicker(item, moving) {
    state.item = item;
    state.moving = moving || null;
    return picker.open(moving ? t("move_head", { title: item.title, when: moving.when }) : t("book_label", { title: item.title }));
  }

  async function cancelSession(session) {
    if (!(await app.ask(t("ask_cancel", { title: session.title, when: session.when })))) return;
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

  cancelSession = app.guarded(cancelSession);
  app.guarded(loadPackage)();
})();
